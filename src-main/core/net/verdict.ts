import type { AddressClass } from './address-class';

/** Why the URL policy refused a server address. The UI may branch on it; people read `message`. */
export type RefusalReason =
  | 'invalid-url'
  | 'missing-scheme'
  | 'unsupported-scheme'
  | 'embedded-credentials'
  | 'invalid-address'
  | 'link-local'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'loopback-in-strict-mode'
  | 'private-network-in-strict-mode'
  | 'plain-http-to-public';

export interface Allowed {
  readonly allowed: true;
  /** The kind of address, when it is already known (an IP literal or a localhost name); undefined until a name is resolved. */
  readonly addressClass: AddressClass | undefined;
}

export interface Refused {
  readonly allowed: false;
  readonly reason: RefusalReason;
  /** A sentence for people; never contains credentials. */
  readonly message: string;
}

export type Verdict = Allowed | Refused;

export const allowed = (addressClass?: AddressClass): Allowed => ({ allowed: true, addressClass });

export const refused = (reason: RefusalReason, message: string): Refused => ({ allowed: false, reason, message });
