import type { LookupAddress } from 'node:dns';
import type { HostLookup } from '../../../../src-main/core/net/host-lookup';

/**
 * A resolver for tests: each name maps to its addresses, or to a function giving
 * a new answer per call (to play DNS rebinding). Unknown names fail like getaddrinfo.
 */
export function fakeDns(records: Record<string, readonly string[] | (() => readonly string[])>): HostLookup {
  return async (hostname) => {
    const record = records[hostname];
    if (!record) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    const addresses = typeof record === 'function' ? record() : record;
    return addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}
