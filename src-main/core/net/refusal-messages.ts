/**
 * The sentences people see when DocuVault refuses a server address. They name the
 * host or address (never the whole URL, which may carry a password) and say what to do.
 */

/** Which address was refused, as people typed it and as it resolved. */
export interface RefusedTarget {
  /** The IP address that was judged, as text. */
  readonly address: string;
  /** The IPv4 address an IPv6 form stands for, when it was unwrapped. */
  readonly embeddedIpv4?: string | undefined;
  /** The host name the person typed, when the address came from resolving it. */
  readonly hostname?: string | undefined;
}

function describe({ address, embeddedIpv4, hostname }: RefusedTarget): string {
  const meaning = embeddedIpv4 ?? address;
  return hostname ? `${hostname} (${meaning})` : meaning;
}

export const refusalMessages = {
  emptyInput: () => 'Enter the address of the server, starting with https://.',
  invalidUrl: () => 'That is not a valid server address. Check it and try again.',
  missingScheme: () => 'Start the server address with https:// (or http:// for a server on your own network).',
  unsupportedScheme: (scheme: string) =>
    `DocuVault connects to servers with https:// (or http:// on your own network); "${scheme}" addresses are not supported.`,
  embeddedCredentials: () =>
    'Remove the user name and password from the server address: DocuVault asks for them separately and keeps them encrypted.',
  invalidAddress: (text: string) => `${text} is not an IP address.`,
  linkLocal: (target: RefusedTarget) => `DocuVault does not connect to link-local addresses such as ${describe(target)}.`,
  linkLocalZone: () =>
    'DocuVault does not connect to link-local addresses, and an address with a zone (such as %eth0) is one.',
  unspecified: (target: RefusedTarget) =>
    `${describe(target)} is not the address of a server (it means "any address"). Enter the server's own address.`,
  multicast: (target: RefusedTarget) => `${describe(target)} is a multicast address, not the address of a server.`,
  broadcast: (target: RefusedTarget) => `${describe(target)} is the broadcast address, not the address of a server.`,
  reserved: (target: RefusedTarget) => `${describe(target)} is in a reserved address range that DocuVault does not connect to.`,
  loopbackInStrictMode: (target: RefusedTarget) =>
    `Strict network mode is on, so DocuVault does not connect to servers on this computer (${describe(target)}).`,
  privateNetworkInStrictMode: (target: RefusedTarget) =>
    `Strict network mode is on, so DocuVault does not connect to servers on a private network (${describe(target)}).`,
  plainHttpToPublic: () => 'Use https:// for servers on the internet: with http:// your password would travel unencrypted.',
  notHttps: () => 'Only https:// servers have a certificate to check.',
  /** For a refusal that reached us through a library that kept only its code. */
  refusedAddress: () => "DocuVault refused to connect to the server's address. Check the server address.",
  certificateChanged: (host?: string) =>
    `The server${host ? ` ${host}` : ''} presented a different certificate from the one you trusted for this connection, so DocuVault sent nothing to it. ` +
    "If the server's certificate was renewed, reconnect to check and trust the new one.",
} as const;
