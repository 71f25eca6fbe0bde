import { assertUrlAllowed } from '../../net/assert-url-allowed';
import { normalizeSha256Fingerprint } from '../../net/certificate-fingerprint';
import { createGuardedAgents, type GuardedAgents } from '../../net/guarded-agents';
import { parseServerUrl } from '../../net/url-policy';
import type { NetworkContext } from '../provider-adapter';

/**
 * Applies the URL policy to a server address the person typed, before any
 * request: scheme, embedded credentials, forbidden or (over http) public
 * addresses, and every address its name resolves to. Returns the normalised URL.
 */
export async function checkedServerUrl(input: unknown, net: NetworkContext): Promise<URL> {
  const url = parseServerUrl(typeof input === 'string' ? input : '');
  await assertUrlAllowed(url, { strict: net.strictUrlPolicy, ...(net.lookup ? { lookup: net.lookup } : {}) });
  return url;
}

/** A fingerprint the person chose to trust, normalised; undefined when none. */
export function trustedFingerprint(input: unknown): string | undefined {
  return typeof input === 'string' && input ? normalizeSha256Fingerprint(input) : undefined;
}

/** Agents that re-check every resolved address at connect time and honour a pinned certificate. */
export function agentsFor(net: NetworkContext, pinnedCertificateSha256: string | undefined): GuardedAgents {
  return createGuardedAgents({
    strict: net.strictUrlPolicy,
    maxSockets: 8,
    ...(pinnedCertificateSha256 ? { pinnedCertificateSha256 } : {}),
    ...(net.lookup ? { lookup: net.lookup } : {}),
    ...(net.ca ? { ca: net.ca } : {}),
  });
}

export const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
