import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundSha256, sharedBuffer } from '../../../src-main/core/storage/background-sha256';
import { sha256 } from '../../support/streams';

const hasher = new BackgroundSha256();
afterEach(async () => {
  await hasher.close();
});

/** Feeds `data` through one reused shared buffer, as the vault's copy does. */
async function hashThroughSharedBuffer(data: Buffer, pieceBytes: number): Promise<string> {
  const hash = hasher.begin();
  const buffer = sharedBuffer(pieceBytes);
  for (let offset = 0; offset < data.length; offset += pieceBytes) {
    const length = data.copy(buffer, 0, offset, Math.min(data.length, offset + pieceBytes));
    await hash.update(buffer, length);
  }
  return hash.digest();
}

describe('BackgroundSha256', () => {
  it('computes the same SHA-256 on the worker, for several uploads at once', async () => {
    const files = [randomBytes(3 * 1024 * 1024 + 17), randomBytes(100), Buffer.alloc(0)];
    const digests = await Promise.all(files.map((data) => hashThroughSharedBuffer(data, 256 * 1024)));
    expect(digests).toEqual(files.map((data) => sha256(data)));
  });

  it('refuses a buffer the worker cannot see without a copy', async () => {
    await expect(hasher.begin().update(Buffer.alloc(10), 10)).rejects.toThrow(/shared buffer/);
  });

  it('fails the hashes in progress when the worker stops, and starts a new worker for the next upload', async () => {
    const hash = hasher.begin();
    const buffer = sharedBuffer(1024);
    await hash.update(buffer, 1024);
    const failed = expect(hash.digest()).rejects.toThrow(/stopped/);
    await hasher.close();
    await failed;
    expect(await hashThroughSharedBuffer(Buffer.from('after a restart'), 8)).toBe(sha256(Buffer.from('after a restart')));
  });
});
