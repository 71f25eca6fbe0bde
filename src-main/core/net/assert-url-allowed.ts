import { AppError, isAppError } from '../errors';
import { resolveAllowedAddresses } from './allowed-addresses';
import { socketHost } from './host-names';
import type { HostLookup } from './host-lookup';
import { checkUrl, type ServerScheme, type UrlPolicyOptions } from './url-policy';
import { refusalError } from './url-refused-error';

export interface AssertUrlOptions extends UrlPolicyOptions {
  /** Resolver to use instead of the system's; tests inject one. */
  readonly lookup?: HostLookup;
}

/**
 * The check to run before the first request to a person-supplied server: the URL
 * itself, then every address its host name resolves to. Throws AppError
 * VALIDATION when the policy refuses, BACKEND_UNAVAILABLE when the name does
 * not resolve. Sends nothing to the server.
 *
 * Resolving again at connect time can give a different answer (DNS rebinding),
 * so requests must also go through `createGuardedAgents`.
 */
export async function assertUrlAllowed(url: URL | string, options: AssertUrlOptions = {}): Promise<void> {
  const verdict = checkUrl(url, options);
  if (!verdict.allowed) throw refusalError(verdict);
  const parsed = typeof url === 'string' ? new URL(url) : url;
  const host = socketHost(parsed);
  try {
    await resolveAllowedAddresses(host, { ...options, scheme: parsed.protocol as ServerScheme });
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError(
      'BACKEND_UNAVAILABLE',
      `DocuVault could not find the server ${host}. Check the address and your network connection.`,
      { cause: error },
    );
  }
}
