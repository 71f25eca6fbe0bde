import { classifyAddress, type AddressClass } from './address-class';
import { isLocalhostName } from './host-names';
import { parseIpLiteral } from './ip-literal';
import { refusalMessages, type RefusedTarget } from './refusal-messages';
import { refusalError } from './url-refused-error';
import { allowed, refused, type Verdict } from './verdict';

/**
 * Which servers DocuVault talks to. The default allows servers on this computer
 * and on private networks (a home NAS); strict mode refuses them, as a server
 * protecting itself from request forgery would.
 */
export interface UrlPolicyOptions {
  readonly strict?: boolean;
}

export type ServerScheme = 'http:' | 'https:';

export interface AddressPolicyOptions extends UrlPolicyOptions {
  readonly scheme: ServerScheme;
  /** The name that resolved to this address, so the message can say which server was meant. */
  readonly hostname?: string;
}

/**
 * Reads the server address a person typed. It trims white space and adds nothing:
 * without a scheme it asks for one instead of guessing http:// or https://.
 * Throws AppError VALIDATION for anything that is not an http(s) URL, and for
 * credentials in the URL (they belong in the password field, encrypted).
 */
export function parseServerUrl(input: string): URL {
  const trimmed = input.trim();
  if (trimmed === '') throw refusalError(refused('invalid-url', refusalMessages.emptyInput()));
  // The URL standard rejects zone ids outright; say why instead of "invalid address".
  if (/\[[^\]]*%/.test(authorityOf(trimmed))) throw refusalError(refused('link-local', refusalMessages.linkLocalZone()));
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw refusalError(
      trimmed.includes('://')
        ? refused('invalid-url', refusalMessages.invalidUrl())
        : refused('missing-scheme', refusalMessages.missingScheme()),
    );
  }
  const verdict = checkSchemeAndCredentials(url, trimmed);
  if (!verdict.allowed) throw refusalError(verdict);
  return url;
}

/**
 * Everything that can be judged without DNS: the scheme, credentials in the URL,
 * and the host when it is an IP literal or a localhost name. A host name that
 * needs resolving is allowed here; `assertUrlAllowed` judges its addresses.
 */
export function checkUrl(url: URL | string, options: UrlPolicyOptions = {}): Verdict {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return refused('invalid-url', refusalMessages.invalidUrl());
  }
  const syntax = checkSchemeAndCredentials(parsed);
  if (!syntax.allowed) return syntax;
  const scheme = parsed.protocol as ServerScheme;
  const { hostname } = parsed;
  if (hostname === '') return refused('invalid-url', refusalMessages.invalidUrl());
  if (parseIpLiteral(hostname)) return checkAddress(hostname, { ...options, scheme });
  if (isLocalhostName(hostname)) return judge('loopback', { address: hostname }, { ...options, scheme });
  return allowed();
}

/**
 * Judges one IP address (any spelling: `0x7f.1`, `[::ffff:a9fe:a9fe]`, `fe80::1%eth0`)
 * for a request with the given scheme.
 */
export function checkAddress(ip: string, options: AddressPolicyOptions): Verdict {
  const address = parseIpLiteral(ip);
  if (!address) return refused('invalid-address', refusalMessages.invalidAddress(ip));
  const { addressClass, embeddedIpv4 } = classifyAddress(address);
  return judge(addressClass, { address: address.text, embeddedIpv4, hostname: options.hostname }, options);
}

function judge(addressClass: AddressClass, target: RefusedTarget, { strict = false, scheme }: AddressPolicyOptions): Verdict {
  switch (addressClass) {
    case 'link-local':
      return refused('link-local', refusalMessages.linkLocal(target));
    case 'unspecified':
      return refused('unspecified', refusalMessages.unspecified(target));
    case 'multicast':
      return refused('multicast', refusalMessages.multicast(target));
    case 'broadcast':
      return refused('broadcast', refusalMessages.broadcast(target));
    case 'reserved':
      return refused('reserved', refusalMessages.reserved(target));
    case 'loopback':
      return strict ? refused('loopback-in-strict-mode', refusalMessages.loopbackInStrictMode(target)) : allowed(addressClass);
    case 'private':
    case 'shared':
      return strict
        ? refused('private-network-in-strict-mode', refusalMessages.privateNetworkInStrictMode(target))
        : allowed(addressClass);
    case 'public':
      // Plain http is tolerated only where the traffic stays on this computer or the local network.
      return scheme === 'http:' ? refused('plain-http-to-public', refusalMessages.plainHttpToPublic()) : allowed(addressClass);
  }
}

function checkSchemeAndCredentials(url: URL, typed?: string): Verdict {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // `nas.local:8080` parses as the scheme "nas.local:"; what the person left out is https://.
    if (typed !== undefined && !typed.includes('://') && /^[^:/?#]+:\d+(?:[/?#]|$)/.test(typed)) {
      return refused('missing-scheme', refusalMessages.missingScheme());
    }
    return refused('unsupported-scheme', refusalMessages.unsupportedScheme(url.protocol));
  }
  if (url.username !== '' || url.password !== '') return refused('embedded-credentials', refusalMessages.embeddedCredentials());
  return allowed();
}

/** The `user:pass@host:port` part of a URL-like text, or '' when it has no `scheme://`. */
function authorityOf(text: string): string {
  return /^[a-z][a-z\d+.-]*:\/\/([^/?#]*)/i.exec(text)?.[1] ?? '';
}
