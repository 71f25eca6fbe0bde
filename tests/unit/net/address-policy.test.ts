import { describe, expect, it } from 'vitest';
import { checkAddress } from '../../../src-main/core/net/url-policy';
import type { RefusalReason } from '../../../src-main/core/net/verdict';

const MODES = [
  { strict: false, scheme: 'http:' },
  { strict: false, scheme: 'https:' },
  { strict: true, scheme: 'http:' },
  { strict: true, scheme: 'https:' },
] as const;

// Addresses no server lives on: refused whatever the mode or scheme.
const ALWAYS_REFUSED: ReadonlyArray<readonly [string, RefusalReason]> = [
  ['169.254.169.254', 'link-local'],
  ['169.254.0.1', 'link-local'],
  ['fe80::1', 'link-local'],
  ['febf:ffff::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:a9fe:a9fe', 'link-local'],
  ['64:ff9b::a9fe:a9fe', 'link-local'],
  ['0xa9fea9fe', 'link-local'],
  ['0251.0376.0251.0376', 'link-local'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['0', 'unspecified'],
  ['::', 'unspecified'],
  ['::ffff:0.0.0.0', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['ff02::1', 'multicast'],
  ['ff0e::1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['::7f00:1', 'reserved'],
  ['nas.example.com', 'invalid-address'],
];

// This computer and private networks (a home NAS): allowed by default, even over http; refused in strict mode.
const LOCAL: ReadonlyArray<readonly [string, 'loopback-in-strict-mode' | 'private-network-in-strict-mode']> = [
  ['127.0.0.1', 'loopback-in-strict-mode'],
  ['127.255.255.254', 'loopback-in-strict-mode'],
  ['2130706433', 'loopback-in-strict-mode'],
  ['0177.0.0.1', 'loopback-in-strict-mode'],
  ['0x7f.0.0.1', 'loopback-in-strict-mode'],
  ['127.1', 'loopback-in-strict-mode'],
  ['::1', 'loopback-in-strict-mode'],
  ['[::1]', 'loopback-in-strict-mode'],
  ['::ffff:127.0.0.1', 'loopback-in-strict-mode'],
  ['::ffff:7f00:1', 'loopback-in-strict-mode'],
  ['10.0.0.5', 'private-network-in-strict-mode'],
  ['172.16.0.1', 'private-network-in-strict-mode'],
  ['172.31.255.255', 'private-network-in-strict-mode'],
  ['192.168.1.10', 'private-network-in-strict-mode'],
  ['::ffff:192.168.1.10', 'private-network-in-strict-mode'],
  ['100.64.0.1', 'private-network-in-strict-mode'],
  ['100.127.255.254', 'private-network-in-strict-mode'],
  ['fc00::1', 'private-network-in-strict-mode'],
  ['fd12:3456:789a::1', 'private-network-in-strict-mode'],
  ['fd7a:115c:a1e0::1', 'private-network-in-strict-mode'],
  ['64:ff9b:1::a00:1', 'private-network-in-strict-mode'],
];

// The internet: https only, in both modes.
const PUBLIC: readonly string[] = [
  '8.8.8.8',
  '172.32.0.1',
  '172.15.255.255',
  '100.128.0.1',
  '100.63.255.255',
  '169.253.255.255',
  '223.255.255.255',
  '2606:4700:4700::1111',
  '2001:db8::1',
  '::ffff:8.8.8.8',
  '64:ff9b::8.8.8.8',
  '134744072',
];

describe('checkAddress', () => {
  it.each(ALWAYS_REFUSED)('refuses %s as %s in every mode and for both schemes', (address, reason) => {
    for (const mode of MODES) {
      expect(checkAddress(address, mode), JSON.stringify(mode)).toMatchObject({ allowed: false, reason });
    }
  });

  it.each(LOCAL)('allows %s over http and https by default, and refuses it in strict mode', (address, strictReason) => {
    expect(checkAddress(address, { scheme: 'http:' }).allowed).toBe(true);
    expect(checkAddress(address, { scheme: 'https:' }).allowed).toBe(true);
    expect(checkAddress(address, { strict: true, scheme: 'https:' })).toMatchObject({ allowed: false, reason: strictReason });
    expect(checkAddress(address, { strict: true, scheme: 'http:' })).toMatchObject({ allowed: false, reason: strictReason });
  });

  it.each(PUBLIC)('allows the public address %s over https only, in both modes', (address) => {
    for (const strict of [false, true]) {
      expect(checkAddress(address, { strict, scheme: 'https:' })).toEqual({ allowed: true, addressClass: 'public' });
      expect(checkAddress(address, { strict, scheme: 'http:' })).toMatchObject({ allowed: false, reason: 'plain-http-to-public' });
    }
  });

  it.each([
    ['2130706433', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['::ffff:a9fe:a9fe', '169.254.169.254'],
    ['0xa9.0xfe.0xa9.0xfe', '169.254.169.254'],
  ])('names %s by the address it stands for (%s) when refusing it', (spelling, canonical) => {
    const verdict = checkAddress(spelling, { strict: true, scheme: 'https:' });
    expect(verdict.allowed).toBe(false);
    expect(!verdict.allowed && verdict.message).toContain(canonical);
  });

  it('explains link-local and plain-http refusals in words a person can act on', () => {
    expect(checkAddress('169.254.169.254', { scheme: 'https:' })).toMatchObject({
      message: 'DocuVault does not connect to link-local addresses such as 169.254.169.254.',
    });
    expect(checkAddress('8.8.8.8', { scheme: 'http:' })).toMatchObject({
      message: 'Use https:// for servers on the internet: with http:// your password would travel unencrypted.',
    });
    expect(checkAddress('169.254.169.254', { scheme: 'https:', hostname: 'nas.example.com' })).toMatchObject({
      message: 'DocuVault does not connect to link-local addresses such as nas.example.com (169.254.169.254).',
    });
  });
});
