import { describe, expect, it } from 'vitest';
import { parseIpLiteral } from '../../../src-main/core/net/ip-literal';

describe('parseIpLiteral', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f.0.0.1', '127.0.0.1'],
    ['0x7F.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['127.0.0.1.', '127.0.0.1'],
    ['0xa9.0xfe.0xa9.0xfe', '169.254.169.254'],
    ['0251.0376.0251.0376', '169.254.169.254'],
    ['2852039166', '169.254.169.254'],
    ['0', '0.0.0.0'],
    ['0x', '0.0.0.0'],
    ['4294967295', '255.255.255.255'],
  ])('reads the IPv4 spelling %s as %s', (spelling, canonical) => {
    expect(parseIpLiteral(spelling)).toMatchObject({ family: 4, text: canonical });
  });

  it.each([
    ['::1', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['[::1]', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['::ffff:169.254.169.254', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 169, 254, 169, 254]],
    ['::ffff:a9fe:a9fe', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 169, 254, 169, 254]],
    ['fe80::1%eth0', [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['[fe80::1%25eth0]', [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['2001:db8:0:0:1:0:0:1', [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]],
    ['2001:DB8::', [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['::', new Array(16).fill(0)],
  ])('expands the IPv6 text %s to its 16 bytes', (text, bytes) => {
    const parsed = parseIpLiteral(text);
    expect(parsed?.family).toBe(6);
    expect(Array.from(parsed?.bytes ?? [])).toEqual(bytes);
  });

  it.each(['nas.local', 'localhost', '1.2.3.4.5', '256.0.0.1', '4294967296', '0x100000000', '1.2.3.example', '08.0.0.1', '', '[127.0.0.1]', '1..2'])(
    'treats %j as a host name, not an address',
    (text) => {
      expect(parseIpLiteral(text)).toBeNull();
    },
  );

  it('keeps the zone out of the canonical text', () => {
    expect(parseIpLiteral('FE80::1%eth0')?.text).toBe('fe80::1');
  });
});
