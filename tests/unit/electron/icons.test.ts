import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The committed icon set that scripts/make-icons.mjs rasterised from assets/icon.svg. */
const build = join(process.cwd(), 'build');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the icon set', () => {
  it('was made from the current SVG (after editing assets/icon.svg, run `node scripts/make-icons.mjs`)', () => {
    const svg = readFileSync(join(process.cwd(), 'assets', 'icon.svg'));
    expect(readFileSync(join(build, 'icon-source.sha256'), 'utf8').trim()).toBe(createHash('sha256').update(svg).digest('hex'));
  });

  it.each([16, 24, 32, 48, 64, 128, 256, 512, 1024])('has a %i px PNG for Linux', (size) => {
    expect(pngSize(readFileSync(join(build, 'icons', `${size}x${size}.png`)))).toEqual({ width: size, height: size });
  });

  it('has a 1024 px build/icon.png', () => {
    expect(pngSize(readFileSync(join(build, 'icon.png')))).toEqual({ width: 1024, height: 1024 });
  });

  it('has a Windows .ico with 16 to 256 px images whose directory points at real data', () => {
    const ico = readFileSync(join(build, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = 6 + i * 16;
      const size = ico.readUInt8(at) || 256;
      const length = ico.readUInt32LE(at + 8);
      const offset = ico.readUInt32LE(at + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      const data = ico.subarray(offset, offset + length);
      if (size === 256) expect(pngSize(data)).toEqual({ width: 256, height: 256 });
      else expect([data.readUInt32LE(0), data.readInt32LE(4), data.readInt32LE(8), data.readUInt16LE(14)]).toEqual([40, size, size * 2, 32]);
      sizes.push(size);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 256]);
  });

  it('has a macOS .icns whose PNG entries cover 16 to 1024 px', () => {
    const icns = readFileSync(join(build, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const entries = new Map<string, number>();
    for (let at = 8; at < icns.length; ) {
      const type = icns.subarray(at, at + 4).toString('ascii');
      const length = icns.readUInt32BE(at + 4);
      entries.set(type, pngSize(icns.subarray(at + 8, at + length)).width);
      at += length;
    }
    expect(Object.fromEntries(entries)).toMatchObject({ icp4: 16, icp5: 32, ic07: 128, ic08: 256, ic09: 512, ic10: 1024 });
  });
});
