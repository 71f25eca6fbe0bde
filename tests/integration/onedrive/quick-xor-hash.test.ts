import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { QuickXorHash, quickXorHashOf } from '../../../src-main/core/storage/onedrive/quick-xor-hash';
import { ReferenceQuickXor } from '../../servers/microsoft-fake/reference-quick-xor';
import { QUICK_XOR_VECTORS } from './quick-xor-vectors';

const decoded = QUICK_XOR_VECTORS.map((vector) => ({ ...vector, data: Buffer.from(vector.input, 'base64') }));

/** Feeds `data` in pieces of `piece` bytes, each a view at an odd memory offset (as stream chunks often are). */
function inPieces(data: Buffer, piece: number): string {
  const hash = new QuickXorHash();
  const shifted = Buffer.alloc(data.length + 3);
  data.copy(shifted, 3);
  const view = shifted.subarray(3);
  for (let at = 0; at < view.length; at += piece) hash.update(view.subarray(at, at + piece));
  return hash.digestBase64();
}

describe('quickXorHash', () => {
  it('matches the published vectors (the backend implementation)', () => {
    for (const { data, size, hash } of decoded) {
      expect(data.length).toBe(size);
      expect(quickXorHashOf(data), `size ${size}`).toBe(hash);
    }
  });

  it('gives the same hash however the bytes are split and aligned', () => {
    for (const { data, size, hash } of decoded) {
      for (const piece of [1, 3, 7, 64, 65, 159, 160, 161, 1000]) expect(inPieces(data, piece), `size ${size} in ${piece}s`).toBe(hash);
    }
  });

  it("matches the published vectors (the fake's reference implementation)", () => {
    for (const { data, size, hash } of decoded) {
      const reference = new ReferenceQuickXor();
      reference.update(data);
      expect(reference.digestBase64(), `size ${size}`).toBe(hash);
    }
  });

  it("agrees with the fake's differently written implementation on megabytes of random data", () => {
    const data = randomBytes(3 * 1024 * 1024 + 7);
    const reference = new ReferenceQuickXor();
    for (let at = 0; at < data.length; at += 65_537) reference.update(data.subarray(at, at + 65_537));
    expect(inPieces(data, 1 << 20)).toBe(reference.digestBase64());
  });

  it('changes when one byte changes, and counts the length', () => {
    const data = randomBytes(4096);
    const flipped = Buffer.from(data);
    flipped[2049] = flipped[2049]! ^ 1;
    expect(quickXorHashOf(flipped)).not.toBe(quickXorHashOf(data));
    // 160 zero bytes and 320 zero bytes XOR to the same ring; only the length tells them apart.
    expect(quickXorHashOf(Buffer.alloc(160))).not.toBe(quickXorHashOf(Buffer.alloc(320)));
  });

  it('refuses updates after the digest', () => {
    const hash = new QuickXorHash().update(Buffer.from('abc'));
    hash.digest();
    expect(() => hash.update(Buffer.from('d'))).toThrow();
  });
});
