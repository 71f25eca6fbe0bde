import type { LookupAddress } from 'node:dns';

/**
 * `localhost` and every `*.localhost` name mean this computer (RFC 6761), whatever
 * a DNS server might say. A trailing dot (`localhost.`) is the same name.
 */
export function isLocalhostName(hostname: string): boolean {
  const name = withoutTrailingDot(hostname.toLowerCase());
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * What a localhost name resolves to. Answered here, as browsers do, so that the
 * name never reaches a DNS server that could point it somewhere else.
 */
export const LOCALHOST_ADDRESSES: readonly LookupAddress[] = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];

export function withoutTrailingDot(hostname: string): string {
  return hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
}

/** A URL's hostname as sockets want it: IPv6 literals lose their brackets. */
export function socketHost(url: URL): string {
  const { hostname } = url;
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
