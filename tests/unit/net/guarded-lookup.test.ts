import type { LookupAddress, LookupOptions } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { createGuardedLookup } from '../../../src-main/core/net/guarded-lookup';

const lookup = async (hostname: string): Promise<readonly LookupAddress[]> =>
  hostname === 'nas.home.arpa'
    ? [
        { address: '192.168.1.10', family: 4 },
        { address: 'fd00::10', family: 6 },
      ]
    : [{ address: '169.254.169.254', family: 4 }];

/** Calls the guarded lookup the way net.connect does and collects what it answers. */
function resolveLikeNet(hostname: string, options: LookupOptions): Promise<{ error: unknown; address: unknown; family: unknown }> {
  const guarded = createGuardedLookup({ scheme: 'http:', lookup });
  return new Promise((resolve) => guarded(hostname, options, (error, address, family) => resolve({ error, address, family })));
}

describe('createGuardedLookup', () => {
  it('answers with every allowed address when net asks for all of them (happy eyeballs)', async () => {
    expect(await resolveLikeNet('nas.home.arpa', { all: true })).toEqual({
      error: null,
      address: [
        { address: '192.168.1.10', family: 4 },
        { address: 'fd00::10', family: 6 },
      ],
      family: undefined,
    });
  });

  it.each([
    [{}, '192.168.1.10', 4],
    [{ family: 4 }, '192.168.1.10', 4],
    [{ family: 6 }, 'fd00::10', 6],
  ] as const)('answers one address of the wanted family for %j', async (options, address, family) => {
    expect(await resolveLikeNet('nas.home.arpa', options)).toEqual({ error: null, address, family });
  });

  it('answers the rewritten spelling of an IP literal itself', async () => {
    expect(await resolveLikeNet('0177.0.0.1', {})).toMatchObject({ error: null, address: '127.0.0.1', family: 4 });
  });

  it('fails the connection with a VALIDATION error instead of answering a forbidden address', async () => {
    const { error, address } = await resolveLikeNet('metadata.example.com', { all: true });
    expect(error).toMatchObject({ code: 'VALIDATION', reason: 'link-local' });
    expect(address).toBe('');
  });
});
