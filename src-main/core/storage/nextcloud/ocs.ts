import { AppError } from '../../errors';
import type { DavClient } from '../webdav/dav-client';
import { readText } from '../webdav/dav-transport';

/** The answer was not an OCS envelope: a proxy page, another product, or a very old server. */
export class NotOcsError extends AppError {
  constructor() {
    super('BACKEND_UNAVAILABLE', 'The server did not answer like a Nextcloud server. Check the server address.');
    this.name = 'NotOcsError';
  }
}

/** `<server>/ocs/v2.php/<path>?format=json`; `server` ends with a slash. */
export function ocsUrl(server: URL, path: string): URL {
  return new URL(`ocs/v2.php/${path}?format=json`, server);
}

/**
 * GETs an OCS endpoint and returns its `ocs.data`. OCS wants the
 * `OCS-APIRequest: true` header on every call (its CSRF guard).
 */
export async function getOcsData(client: DavClient, url: URL): Promise<Record<string, unknown>> {
  const response = await client.exchange(
    { method: 'GET', url, headers: { 'OCS-APIRequest': 'true', Accept: 'application/json' } },
    [200],
  );
  const text = await readText(response, 1024 * 1024);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new NotOcsError();
  }
  const data = (parsed as { ocs?: { data?: unknown } } | null)?.ocs?.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new NotOcsError();
  return data as Record<string, unknown>;
}
