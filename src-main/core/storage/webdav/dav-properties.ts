/** A WebDAV property name: namespace URI plus local name. */
export interface PropName {
  readonly namespace: string;
  readonly local: string;
}

export const DAV_NS = 'DAV:';

/**
 * DocuVault's own namespace for dead properties. It ends with a slash on
 * purpose: some servers (webdav-server among them) store a property as
 * namespace + local name and split it again at the last '/', so a namespace
 * ending in '/' survives that round trip intact.
 */
export const DOCUVAULT_NS = 'https://docuvault.app/ns/';

const dav = (local: string): PropName => ({ namespace: DAV_NS, local });

export const PROPS = {
  contentLength: dav('getcontentlength'),
  lastModified: dav('getlastmodified'),
  resourceType: dav('resourcetype'),
  quotaAvailable: dav('quota-available-bytes'),
  quotaUsed: dav('quota-used-bytes'),
  currentUserPrincipal: dav('current-user-principal'),
  documentId: { namespace: DOCUVAULT_NS, local: 'document-id' },
  sha256: { namespace: DOCUVAULT_NS, local: 'sha256' },
} as const satisfies Record<string, PropName>;

/** Clark notation, `{namespace}local`: one string key per property. */
export function clark(name: PropName): string {
  return `{${name.namespace}}${name.local}`;
}
