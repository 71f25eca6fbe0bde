import type { LookupAddress } from 'node:dns';
import { describe, expect, it, vi } from 'vitest';
import { assertUrlAllowed } from '../../../src-main/core/net/assert-url-allowed';
import type { HostLookup } from '../../../src-main/core/net/host-lookup';

/** A resolver that knows a few names and nothing else, so no test depends on real DNS. */
function fakeDns(records: Record<string, readonly string[]>): HostLookup & ReturnType<typeof vi.fn> {
  return vi.fn(async (hostname: string): Promise<readonly LookupAddress[]> => {
    const addresses = records[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  });
}

const dns = fakeDns({
  'metadata.example.com': ['169.254.169.254'],
  'mapped.example.com': ['::ffff:169.254.169.254'],
  'split.example.com': ['192.168.1.10', '169.254.169.254'],
  'split-v6.example.com': ['203.0.113.10', 'fe80::1'],
  'nas.home.arpa': ['192.168.1.10', 'fd00::10'],
  'cloud.example.com': ['203.0.113.10', '2001:db8::10'],
  'any.example.com': ['0.0.0.0'],
  'empty.example.com': [],
});

describe('assertUrlAllowed', () => {
  it.each([
    ['http://metadata.example.com/', 'link-local'],
    ['https://mapped.example.com/', 'link-local'],
    ['https://split.example.com/', 'link-local'],
    ['https://split-v6.example.com/', 'link-local'],
    ['https://any.example.com/', 'unspecified'],
    ['http://cloud.example.com/', 'plain-http-to-public'],
  ])('refuses %s because of an address it resolves to (%s)', async (url, reason) => {
    await expect(assertUrlAllowed(url, { lookup: dns })).rejects.toMatchObject({ code: 'VALIDATION', reason });
  });

  it('names the host and the address it resolved to', async () => {
    await expect(assertUrlAllowed('https://metadata.example.com/', { lookup: dns })).rejects.toThrow(
      'DocuVault does not connect to link-local addresses such as metadata.example.com (169.254.169.254).',
    );
  });

  it('allows a NAS on the home network by default, over http too, and refuses it in strict mode', async () => {
    await expect(assertUrlAllowed('http://nas.home.arpa:5005/', { lookup: dns })).resolves.toBeUndefined();
    await expect(assertUrlAllowed('https://nas.home.arpa/', { strict: true, lookup: dns })).rejects.toMatchObject({
      code: 'VALIDATION',
      reason: 'private-network-in-strict-mode',
    });
  });

  it('allows a public server over https in both modes', async () => {
    await expect(assertUrlAllowed('https://cloud.example.com/', { lookup: dns })).resolves.toBeUndefined();
    await expect(assertUrlAllowed('https://cloud.example.com/', { strict: true, lookup: dns })).resolves.toBeUndefined();
  });

  it('refuses a URL-level problem before resolving anything', async () => {
    const lookup = fakeDns({});
    await expect(assertUrlAllowed('ftp://nas.home.arpa/', { lookup })).rejects.toMatchObject({ reason: 'unsupported-scheme' });
    await expect(assertUrlAllowed('https://u:p@nas.home.arpa/', { lookup })).rejects.toMatchObject({ reason: 'embedded-credentials' });
    await expect(assertUrlAllowed('http://[::ffff:127.0.0.1]:8080/', { strict: true, lookup })).rejects.toMatchObject({
      reason: 'loopback-in-strict-mode',
    });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('answers localhost names itself, never asking the resolver', async () => {
    const lookup = fakeDns({ 'evil.localhost': ['8.8.8.8'] });
    await expect(assertUrlAllowed('http://evil.localhost:8080/', { lookup })).resolves.toBeUndefined();
    await expect(assertUrlAllowed('http://localhost./', { strict: true, lookup })).rejects.toMatchObject({ reason: 'loopback-in-strict-mode' });
    expect(lookup).not.toHaveBeenCalled();
  });

  it.each(['https://unknown.example.com/', 'https://empty.example.com/'])(
    'says the server could not be found when %s does not resolve',
    async (url) => {
      await expect(assertUrlAllowed(url, { lookup: dns })).rejects.toMatchObject({
        code: 'BACKEND_UNAVAILABLE',
        message: expect.stringContaining('could not find the server'),
      });
    },
  );
});
