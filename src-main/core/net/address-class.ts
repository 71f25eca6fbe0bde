import { formatIpv4, parseIpLiteral, type IpAddress } from './ip-literal';

/**
 * What kind of network an address belongs to, which is all the URL policy needs to know.
 * - `private`: RFC 1918, IPv6 unique-local (fc00::/7) and local-use NAT64.
 * - `shared`: 100.64.0.0/10 (RFC 6598). Carrier-grade NAT uses it, and so does
 *   Tailscale, a common way to reach a home NAS from outside; it is treated like
 *   a private network.
 * - `reserved`: ranges no server lives on (240.0.0.0/4, deprecated IPv4-compatible IPv6).
 */
export type AddressClass =
  | 'public'
  | 'private'
  | 'shared'
  | 'loopback'
  | 'link-local'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

export interface AddressClassification {
  readonly addressClass: AddressClass;
  /** The IPv4 address an IPv6 form stands for (`::ffff:a9fe:a9fe` → 169.254.169.254), when it was unwrapped. */
  readonly embeddedIpv4?: string;
}

interface Range {
  readonly prefix: Uint8Array;
  readonly bits: number;
  readonly addressClass: AddressClass;
}

function range(cidr: string, addressClass: AddressClass): Range {
  const [address = '', bits = ''] = cidr.split('/');
  const parsed = parseIpLiteral(address);
  if (!parsed) throw new Error(`Bad range in the URL policy table: ${cidr}`);
  return { prefix: parsed.bytes, bits: Number(bits), addressClass };
}

// First match wins, so the broadcast address comes before the reserved block that contains it.
const IPV4_RANGES: readonly Range[] = [
  range('0.0.0.0/8', 'unspecified'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'shared'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local'),
  range('172.16.0.0/12', 'private'),
  range('192.168.0.0/16', 'private'),
  range('224.0.0.0/4', 'multicast'),
  range('255.255.255.255/32', 'broadcast'),
  range('240.0.0.0/4', 'reserved'),
];

const IPV6_RANGES: readonly Range[] = [
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  // IPv4-compatible addresses were deprecated in 2006 (RFC 4291); no server is reached that way.
  range('::/96', 'reserved'),
  // RFC 8215 local-use NAT64: its IPv4 embedding depends on the operator's prefix length, so it is
  // judged as the local network it belongs to rather than unwrapped.
  range('64:ff9b:1::/48', 'private'),
  range('fe80::/10', 'link-local'),
  range('fc00::/7', 'private'),
  range('ff00::/8', 'multicast'),
];

/**
 * IPv6 forms that deliver packets to an IPv4 host, so the IPv4 host is what must be judged:
 * IPv4-mapped (the socket really talks IPv4) and the NAT64 well-known prefix (a NAT64
 * gateway translates to the embedded address). 6to4 and Teredo are not here: they reach
 * a relay that tunnels, never a TCP service on the embedded address.
 */
const IPV4_CARRIERS: readonly Range[] = [range('::ffff:0:0/96', 'public'), range('64:ff9b::/96', 'public')];

export function classifyAddress(address: IpAddress): AddressClassification {
  if (address.family === 6) {
    if (IPV4_CARRIERS.some((carrier) => matches(address.bytes, carrier))) {
      const ipv4 = address.bytes.slice(12);
      return { addressClass: classifyBytes(ipv4, IPV4_RANGES), embeddedIpv4: formatIpv4(ipv4) };
    }
    return { addressClass: classifyBytes(address.bytes, IPV6_RANGES) };
  }
  return { addressClass: classifyBytes(address.bytes, IPV4_RANGES) };
}

function classifyBytes(bytes: Uint8Array, ranges: readonly Range[]): AddressClass {
  return ranges.find((candidate) => matches(bytes, candidate))?.addressClass ?? 'public';
}

function matches(bytes: Uint8Array, { prefix, bits }: Range): boolean {
  if (bytes.length !== prefix.length) return false;
  const wholeBytes = Math.floor(bits / 8);
  for (let index = 0; index < wholeBytes; index++) if (bytes[index] !== prefix[index]) return false;
  const restBits = bits % 8;
  if (restBits === 0) return true;
  const mask = (0xff << (8 - restBits)) & 0xff;
  return ((bytes[wholeBytes] ?? 0) & mask) === ((prefix[wholeBytes] ?? 0) & mask);
}
