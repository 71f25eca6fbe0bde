import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeSha256Fingerprint, sha256Fingerprint } from '../../../src-main/core/net/certificate-fingerprint';

const HEX = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const CANONICAL = 'BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD';

describe('certificate fingerprints', () => {
  it('writes SHA-256 as colon-separated upper-case pairs, like browsers', () => {
    expect(createHash('sha256').update('abc').digest('hex')).toBe(HEX);
    expect(sha256Fingerprint(Buffer.from('abc'))).toBe(CANONICAL);
  });

  it.each([HEX, HEX.toUpperCase(), CANONICAL, CANONICAL.toLowerCase(), ` ${CANONICAL.replaceAll(':', ' ')} `])(
    'reads the pasted form %s',
    (input) => {
      expect(normalizeSha256Fingerprint(input)).toBe(CANONICAL);
    },
  );

  it.each(['', HEX.slice(0, 40), `${HEX}00`, HEX.replace('b', 'g'), 'sha256/AbCdEf=='])('refuses %j as a pin', (input) => {
    expect(() => normalizeSha256Fingerprint(input)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});
