import type { DavClient } from '../webdav/dav-client';
import { PROPS } from '../webdav/dav-properties';
import { propCount } from '../webdav/multistatus';
import { getOcsData, ocsUrl } from './ocs';

/** What the Settings screen shows about a Nextcloud connection. */
export interface NextcloudServerDescription {
  /** "Nextcloud", or the name a branded instance gives itself. */
  readonly productName: string;
  /** e.g. "30.0.4"; null when the server does not say. */
  readonly version: string | null;
  readonly quota: StorageQuota;
}

/** Bytes; null where the server does not know or the account is unlimited. */
export interface StorageQuota {
  readonly usedBytes: number | null;
  readonly freeBytes: number | null;
  readonly totalBytes: number | null;
}

/** Capabilities (OCS) and quota (PROPFIND on the user's DAV root, RFC 4331). */
export async function describeNextcloud(client: DavClient, server: URL, filesBase: URL): Promise<NextcloudServerDescription> {
  const [capabilities, quota] = await Promise.all([getOcsData(client, ocsUrl(server, 'cloud/capabilities')), readQuota(client, filesBase)]);
  const version = capabilities['version'] as { string?: unknown } | undefined;
  const theming = (capabilities['capabilities'] as { theming?: { name?: unknown } } | undefined)?.theming;
  return {
    productName: typeof theming?.name === 'string' && theming.name.trim() !== '' ? theming.name.trim() : 'Nextcloud',
    version: typeof version?.string === 'string' ? version.string : null,
    quota,
  };
}

/** Negative values (Nextcloud: -1 uncomputed, -2 unknown, -3 unlimited) come back as null. */
export async function readQuota(client: DavClient, filesBase: URL): Promise<StorageQuota> {
  const found = await client.propfind(filesBase, 0, [PROPS.quotaAvailable, PROPS.quotaUsed]);
  const root = found?.[0];
  const usedBytes = root ? propCount(root, PROPS.quotaUsed) : null;
  const freeBytes = root ? propCount(root, PROPS.quotaAvailable) : null;
  return { usedBytes, freeBytes, totalBytes: usedBytes !== null && freeBytes !== null ? usedBytes + freeBytes : null };
}
