import { promises as dnsPromises, type LookupAddress } from 'node:dns';
import { isLocalhostName, LOCALHOST_ADDRESSES } from './host-names';
import { parseIpLiteral } from './ip-literal';

/**
 * Resolves a host name to every address it has. Injected so tests need no DNS
 * and can play a server whose name points somewhere it should not.
 */
export type HostLookup = (hostname: string) => Promise<readonly LookupAddress[]>;

/** The operating system's resolver (getaddrinfo), all addresses in the order it gives them. */
export const systemLookup: HostLookup = (hostname) => dnsPromises.lookup(hostname, { all: true, order: 'verbatim' });

/**
 * The addresses a connection to `host` would use. IP literals in any spelling
 * are answered here (so the address judged is the address dialled), localhost
 * names are answered with loopback, and everything else is asked of `lookup`.
 */
export async function addressesOf(host: string, lookup: HostLookup): Promise<readonly LookupAddress[]> {
  const literal = parseIpLiteral(host);
  if (literal) return [{ address: literal.text, family: literal.family }];
  if (isLocalhostName(host)) return LOCALHOST_ADDRESSES;
  const addresses = await lookup(host);
  if (addresses.length === 0) throw hostNotFound(host);
  return addresses;
}

/** Shaped like the resolver's own error so retry and error mapping treat it the same. */
function hostNotFound(host: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`No address was found for ${host}.`), { code: 'ENOTFOUND', hostname: host });
}
