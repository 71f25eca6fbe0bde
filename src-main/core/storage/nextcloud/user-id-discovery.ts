import { AppError } from '../../errors';
import type { DavClient } from '../webdav/dav-client';
import { clark, DAV_NS, PROPS } from '../webdav/dav-properties';
import { DavStatusError } from '../webdav/dav-status';
import { firstChild } from '../webdav/xml-tree';
import { getOcsData, NotOcsError, ocsUrl } from './ocs';

/**
 * Finds the Nextcloud user id, which names the DAV root
 * (`/remote.php/dav/files/<userid>/`) and is often not the login name (an
 * e-mail address, an LDAP login). Asks OCS `cloud/user` first; if OCS is not
 * reachable (blocked by a proxy, not JSON), asks DAV for the current user
 * principal instead.
 */
export async function discoverUserId(client: DavClient, server: URL): Promise<string> {
  try {
    const data = await getOcsData(client, ocsUrl(server, 'cloud/user'));
    if (typeof data['id'] === 'string' && data['id'].length > 0) return data['id'];
  } catch (error) {
    if (!(error instanceof NotOcsError) && !(error instanceof DavStatusError && error.status < 500)) throw error;
  }
  return principalUserId(client, server);
}

async function principalUserId(client: DavClient, server: URL): Promise<string> {
  const found = await client.propfind(new URL('remote.php/dav/', server), 0, [PROPS.currentUserPrincipal]);
  const principal = found?.[0]?.found.get(clark(PROPS.currentUserPrincipal));
  const href = principal ? firstChild(principal, DAV_NS, 'href')?.text.trim() : undefined;
  const match = href ? /\/principals\/users\/([^/]+)\/?$/.exec(new URL(href, server).pathname) : null;
  if (!match) throw new AppError('BACKEND_UNAVAILABLE', 'DocuVault could not find your Nextcloud account on this server. Check the server address.');
  return decodeURIComponent(match[1]!);
}
