import type { LookupAddress } from 'node:dns';
import { addressesOf, systemLookup, type HostLookup } from './host-lookup';
import { parseIpLiteral } from './ip-literal';
import { checkAddress, type ServerScheme, type UrlPolicyOptions } from './url-policy';
import { refusalError } from './url-refused-error';

export interface ResolvePolicyOptions extends UrlPolicyOptions {
  readonly scheme: ServerScheme;
  readonly lookup?: HostLookup;
}

/**
 * Resolves `host` and returns its addresses only if EVERY one is allowed. One
 * forbidden address refuses the whole answer: a name that points partly at the
 * cloud metadata service is not a server to trust with a password, and which
 * address a socket tries first is not ours to pick.
 * Throws UrlRefusedError (VALIDATION) on refusal, the resolver's error when the
 * name does not resolve.
 */
export async function resolveAllowedAddresses(host: string, options: ResolvePolicyOptions): Promise<readonly LookupAddress[]> {
  const addresses = await addressesOf(host, options.lookup ?? systemLookup);
  const hostname = parseIpLiteral(host) ? undefined : host;
  for (const { address } of addresses) {
    const verdict = checkAddress(address, { strict: options.strict, scheme: options.scheme, hostname });
    if (!verdict.allowed) throw refusalError(verdict);
  }
  return addresses;
}
