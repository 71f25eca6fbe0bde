import { isIP } from 'node:net';

/** An IP address reduced to its bytes, so every spelling of it is judged the same way. */
export interface IpAddress {
  readonly family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  readonly bytes: Uint8Array;
  /** Dotted-quad for IPv4; for IPv6 the lower-cased text without brackets or zone id. */
  readonly text: string;
}

/**
 * Reads an IP literal the way a connection would use it, or returns null for a
 * host name. IPv4 accepts every spelling the URL standard and inet_aton accept
 * (`2130706433`, `0177.0.0.1`, `0x7f.1`, `127.1`, a trailing dot), because a
 * check that only knows dotted-quad can be walked around with `0x7f.1`.
 * IPv6 accepts brackets and a zone id (`[fe80::1%eth0]`); the zone does not
 * change which kind of address it is.
 */
export function parseIpLiteral(host: string): IpAddress | null {
  const unbracketed = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const withoutZone = unbracketed.split('%', 1)[0] ?? '';
  if (isIP(unbracketed) === 6 || isIP(withoutZone) === 6) {
    return { family: 6, bytes: ipv6Bytes(withoutZone), text: withoutZone.toLowerCase() };
  }
  if (unbracketed !== host) return null;
  const ipv4 = parseIpv4AnySpelling(host);
  return ipv4 ? { family: 4, bytes: ipv4, text: formatIpv4(ipv4) } : null;
}

export function formatIpv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join('.');
}

/** 1 to 4 dot-separated numbers in decimal, octal (leading 0) or hex (0x); the last fills the remaining bytes. */
function parseIpv4AnySpelling(host: string): Uint8Array | null {
  const parts = host.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const value = parseIpv4Number(part);
    if (value === null) return null;
    numbers.push(value);
  }
  const last = numbers.pop() ?? 0;
  if (numbers.some((value) => value > 255)) return null;
  const lastBytes = 4 - numbers.length;
  if (last >= 256 ** lastBytes) return null;
  const bytes = new Uint8Array(4);
  numbers.forEach((value, index) => (bytes[index] = value));
  for (let index = 3, rest = last; index >= numbers.length; index--, rest = Math.floor(rest / 256)) {
    bytes[index] = rest % 256;
  }
  return bytes;
}

function parseIpv4Number(part: string): number | null {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
  if (/^0[0-7]+$/.test(part)) return Number.parseInt(part.slice(1), 8);
  if (/^(0|[1-9][0-9]*)$/.test(part)) return Number(part);
  return null;
}

/** Expands a valid IPv6 text (already checked with isIP) into 16 bytes. */
function ipv6Bytes(text: string): Uint8Array {
  const [head = '', tail] = text.split('::');
  const headWords = head === '' ? [] : toWords(head.split(':'));
  const tailWords = tail ? toWords(tail.split(':')) : [];
  // Without '::' the text already has all eight groups.
  const zeros = tail === undefined ? 0 : 8 - headWords.length - tailWords.length;
  const expanded = [...headWords, ...new Array<number>(zeros).fill(0), ...tailWords];
  const bytes = new Uint8Array(16);
  expanded.forEach((word, index) => {
    bytes[index * 2] = word >> 8;
    bytes[index * 2 + 1] = word & 0xff;
  });
  return bytes;
}

/** 16-bit groups; a trailing dotted IPv4 (`::ffff:1.2.3.4`) counts as two. */
function toWords(groups: readonly string[]): number[] {
  return groups.flatMap((group) => {
    if (!group.includes('.')) return [Number.parseInt(group, 16)];
    const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
    return [(a << 8) | b, (c << 8) | d];
  });
}
