import type { IncomingMessage } from 'node:http';
import { withRetry } from '../../net/retry';
import type { ByteRange } from '../storage-backend';
import { discard, HttpTransport, readJson, type StreamingRequest, type TransportRequest } from '../http/http-transport';
import type { DriveItem, DriveResource, UploadSessionResource } from './drive-item';
import { classifyGraphFailure, graphErrorFrom, UnusableUrlError } from './graph-errors';
import type { ResolvedOneDriveOptions } from './onedrive-backend-options';

export type ConflictBehavior = 'fail' | 'replace' | 'rename';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** `/me/drive/root:/a/b:` or `/me/drive/items/{id}:/a/b:`, each name percent-encoded. */
function itemPath(baseId: string, names: readonly string[]): string {
  const base = baseId === 'root' ? '/me/drive/root' : `/me/drive/items/${encodeURIComponent(baseId)}`;
  return names.length === 0 ? base : `${base}:/${names.map(encodeURIComponent).join('/')}:`;
}

/**
 * The Graph calls the OneDrive backend makes. Calls to Graph carry the
 * current access token and follow the backend's retry policy (a fresh token
 * per attempt). Calls to upload and download URLs carry NO Authorization
 * header: those URLs are pre-authenticated, and the bearer token must never
 * reach another host. Failures surface as GraphHttpError or network errors.
 */
export class GraphApi {
  readonly #transport: HttpTransport;

  constructor(private readonly options: ResolvedOneDriveOptions) {
    this.#transport = new HttpTransport(options.responseTimeoutMs, options);
  }

  /** An item by id, or by a path below an item (`root` included); null when Graph says it does not exist. */
  async getItem(baseId: string, names: readonly string[] = [], select?: string): Promise<DriveItem | null> {
    const query = select ? `?$select=${encodeURIComponent(select)}` : '';
    const res = await this.authorised({ method: 'GET', url: this.url(`${itemPath(baseId, names)}${query}`) }, [404]);
    if (res.statusCode !== 404) return readJson<DriveItem>(res);
    discard(res);
    return null;
  }

  /**
   * Creates a folder, failing on a name clash, in ONE attempt: a create whose
   * answer was lost may have happened, and a blind retry would hit its own
   * folder; the folder resolver looks again instead.
   */
  async createFolder(parentId: string, name: string): Promise<DriveItem> {
    const res = await this.authorised(
      {
        method: 'POST',
        url: this.url(`${itemPath(parentId, [])}/children`),
        headers: JSON_HEADERS,
        body: JSON.stringify({ name, folder: {}, '@microsoft.graph.conflictBehavior': 'fail' }),
      },
      [],
      { retry: false },
    );
    return readJson<DriveItem>(res);
  }

  /** PATCH: rename and move under `conflictBehavior` (409 is thrown). Null when the item or the new parent is missing. */
  async moveItem(itemId: string, to: { name: string; parentId: string }, conflictBehavior: ConflictBehavior): Promise<DriveItem | null> {
    const res = await this.authorised(
      {
        method: 'PATCH',
        url: this.url(`${itemPath(itemId, [])}?@microsoft.graph.conflictBehavior=${conflictBehavior}`),
        headers: JSON_HEADERS,
        body: JSON.stringify({ name: to.name, parentReference: { id: to.parentId } }),
      },
      [404],
    );
    if (res.statusCode !== 404) return readJson<DriveItem>(res);
    discard(res);
    return null;
  }

  /** Deletes an item (by id, or by a path below one); false when it was already gone. */
  async deleteItem(baseId: string, names: readonly string[] = []): Promise<boolean> {
    const res = await this.authorised({ method: 'DELETE', url: this.url(itemPath(baseId, names)) }, [404]);
    discard(res);
    return res.statusCode !== 404;
  }

  async drive(): Promise<DriveResource> {
    return readJson<DriveResource>(await this.authorised({ method: 'GET', url: this.url('/me/drive?$select=owner,quota') }));
  }

  /** POST …/items/{parent}:/{name}:/createUploadSession; the upload URL must be https when Graph is. */
  async createUploadSession(parentId: string, name: string, item: { conflictBehavior: ConflictBehavior; fileSize: number }): Promise<string> {
    const res = await this.authorised({
      method: 'POST',
      url: this.url(`${itemPath(parentId, [name])}/createUploadSession`),
      headers: JSON_HEADERS,
      body: JSON.stringify({ item: { '@microsoft.graph.conflictBehavior': item.conflictBehavior, fileSize: item.fileSize } }),
    });
    const session = await readJson<UploadSessionResource>(res);
    return this.checkedForeignUrl(session.uploadUrl).toString();
  }

  /** PUT …/items/{parent}:/{name}:/content: a simple upload, for the empty file (every other file goes through a session). */
  async putSmallContent(parentId: string, name: string, body: Buffer, conflictBehavior: ConflictBehavior): Promise<DriveItem> {
    const res = await this.authorised({
      method: 'PUT',
      url: this.url(`${itemPath(parentId, [name])}/content?@microsoft.graph.conflictBehavior=${conflictBehavior}`),
      headers: { 'Content-Type': 'application/octet-stream' },
      body,
    });
    return readJson<DriveItem>(res);
  }

  /**
   * GET …/content, retried until answered: the 302's `Location` (a short-lived
   * pre-authenticated URL), or null when the item does not exist.
   */
  async contentLocation(itemId: string, signal: AbortSignal | undefined): Promise<URL | null> {
    const res = await this.authorised({ method: 'GET', url: this.url(`${itemPath(itemId, [])}/content`), signal }, [302, 404]);
    discard(res);
    if (res.statusCode === 404) return null;
    // Only a redirect is expected; anything else (a body served inline by some proxy) is not read as the document.
    if (res.statusCode !== 302) throw new UnusableUrlError();
    return this.checkedForeignUrl(res.headers.location);
  }

  /** GET on a download URL, WITHOUT the bearer token, retried until the response starts; 4xx are returned. */
  openDownload(url: URL, range: ByteRange | undefined, signal: AbortSignal | undefined): Promise<IncomingMessage> {
    const request: TransportRequest = { method: 'GET', url, headers: range ? { Range: `bytes=${range.start}-${range.end}` } : {}, signal };
    return this.retried(async () => {
      const res = await this.#transport.send(request);
      const status = res.statusCode ?? 0;
      if (status >= 500 || status === 429 || status === 408) throw await graphErrorFrom(res);
      return res;
    }, signal);
  }

  /** One fragment, whole from memory, to the upload URL (no Authorization: the URL is the credential). Not retried here. */
  sendFragment(uploadUrl: string, contentRange: string, body: Buffer, signal?: AbortSignal): Promise<IncomingMessage> {
    return this.#transport.send({ method: 'PUT', url: new URL(uploadUrl), headers: { 'Content-Range': contentRange }, body, signal });
  }

  /** The same, written piece by piece as the fragment is read. */
  streamFragment(uploadUrl: string, contentRange: string, length: number, signal?: AbortSignal): StreamingRequest {
    return this.#transport.openStreaming({ method: 'PUT', url: new URL(uploadUrl), headers: { 'Content-Range': contentRange }, signal }, length);
  }

  /** GET on the upload URL: what the session still expects. Null when the session is gone (404). */
  sessionStatus(uploadUrl: string, signal?: AbortSignal): Promise<UploadSessionResource | null> {
    return this.retried(async () => {
      const res = await this.#transport.send({ method: 'GET', url: new URL(uploadUrl), signal });
      if (res.statusCode === 404) {
        discard(res);
        return null;
      }
      if (res.statusCode !== 200) throw await graphErrorFrom(res);
      return readJson<UploadSessionResource>(res);
    }, signal);
  }

  /** DELETE on the upload URL (best effort: a session expires on its own). */
  async cancelSession(uploadUrl: string): Promise<void> {
    discard(await this.#transport.send({ method: 'DELETE', url: new URL(uploadUrl) }));
  }

  close(): void {
    this.#transport.close();
  }

  private url(path: string): URL {
    return new URL(`${this.options.graphBaseUrl}${path}`);
  }

  /**
   * Upload and download URLs live on other hosts than Graph, so their origin
   * cannot be pinned; but a document never travels over plain http when
   * Graph itself is https (a downgrade would expose the bytes and the URL).
   */
  private checkedForeignUrl(value: string | undefined): URL {
    // Absent, it would resolve to Graph's own base URL.
    if (!value) throw new UnusableUrlError();
    let url: URL;
    try {
      url = new URL(value, this.options.graphBaseUrl);
    } catch {
      throw new UnusableUrlError();
    }
    const graphSecure = this.options.graphBaseUrl.startsWith('https:');
    if (url.protocol !== 'https:' && (graphSecure || url.protocol !== 'http:')) throw new UnusableUrlError();
    return url;
  }

  /**
   * Sends with `Authorization: Bearer <current token>` under the retry policy.
   * 2xx (and the statuses in `accepted`) resolve with the response; others throw GraphHttpError.
   */
  private authorised(request: TransportRequest, accepted: readonly number[] = [], policy = { retry: true }): Promise<IncomingMessage> {
    return this.retried(
      async () => {
        const token = await this.options.accessToken();
        const res = await this.#transport.send({ ...request, headers: { ...request.headers, Authorization: `Bearer ${token}` } });
        const status = res.statusCode ?? 0;
        if ((status >= 200 && status < 300) || accepted.includes(status)) return res;
        throw await graphErrorFrom(res);
      },
      request.signal,
      policy.retry ? undefined : 1,
    );
  }

  private retried<T>(attempt: () => Promise<T>, signal: AbortSignal | undefined, attempts?: number): Promise<T> {
    const { baseDelayMs, maxDelayMs } = this.options.retry;
    return withRetry(attempt, {
      attempts: attempts ?? this.options.retry.attempts,
      baseDelayMs,
      maxDelayMs,
      classify: classifyGraphFailure,
      ...(signal ? { signal } : {}),
    });
  }
}
