import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { resolveAllowedAddresses, type ResolvePolicyOptions } from './allowed-addresses';

/**
 * A `lookup` for net/tls connect options that answers only with addresses the
 * policy allows. The socket dials exactly what was judged, so a name that
 * changes its answer between `assertUrlAllowed` and the connection (DNS
 * rebinding), or a redirect to another name, is judged again where it matters.
 */
export function createGuardedLookup(policy: ResolvePolicyOptions): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowedAddresses(hostname, policy).then(
      (addresses) => {
        const wanted = addresses.filter((entry) => familyMatches(entry, options.family));
        const [first] = wanted;
        if (!first) {
          callback(Object.assign(new Error(`No usable address was found for ${hostname}.`), { code: 'ENOTFOUND' }), '');
        } else if (options.all) {
          callback(null, wanted.map(({ address, family }) => ({ address, family })));
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

function familyMatches(entry: LookupAddress, family: number | string | undefined): boolean {
  if (family === 4 || family === 'IPv4') return entry.family === 4;
  if (family === 6 || family === 'IPv6') return entry.family === 6;
  return true;
}
