import type { IncomingMessage } from 'node:http';
import { AppError } from '../../errors';
import { withRetry } from '../../net/retry';
import type { ByteRange } from '../storage-backend';
import { discard, HttpTransport, readJson, type StreamingRequest, type TransportRequest } from '../http/http-transport';
import type { ResolvedDriveOptions } from './drive-backend-options';
import { classifyDriveFailure, driveErrorFrom } from './drive-errors';
import { FOLDER_MIME_TYPE, type DriveFile, type DriveFileList } from './drive-file';

type Query = Record<string, string | undefined>;

/** Metadata for a new upload: where it goes and what it carries. */
export interface UploadMetadata {
  readonly name: string;
  readonly parents: readonly string[];
  readonly mimeType: string;
  readonly appProperties: Readonly<Record<string, string>>;
}

/**
 * The Drive v3 REST calls DocuVault makes, each authorised with the current
 * access token and retried under the backend's policy (fresh token per
 * attempt). Failures surface as DriveHttpError / network errors for the
 * backend to map; nothing here knows about documents.
 */
export class DriveApi {
  readonly #transport: HttpTransport;

  constructor(private readonly options: ResolvedDriveOptions) {
    this.#transport = new HttpTransport(options.responseTimeoutMs);
  }

  get transport(): HttpTransport {
    return this.#transport;
  }

  /** A file's metadata, or null when Drive says it does not exist. */
  async getFile(fileId: string, fields: string, signal?: AbortSignal): Promise<DriveFile | null> {
    const res = await this.authorised({ method: 'GET', url: this.apiUrl(`/files/${encodeURIComponent(fileId)}`, { fields }), signal }, [404]);
    if (res.statusCode === 404) {
      discard(res);
      return null;
    }
    return readJson<DriveFile>(res);
  }

  async listFiles(params: { q: string; fields: string; orderBy?: string; pageToken?: string; pageSize?: number }): Promise<DriveFileList> {
    const url = this.apiUrl('/files', {
      q: params.q,
      fields: params.fields,
      spaces: 'drive',
      pageSize: String(params.pageSize ?? 100),
      orderBy: params.orderBy,
      pageToken: params.pageToken,
    });
    return readJson<DriveFileList>(await this.authorised({ method: 'GET', url }));
  }

  /**
   * Creates a folder, in ONE attempt: a create whose answer was lost may have
   * happened, and a blind retry would make a twin. The caller looks again
   * before trying again (see DriveFolders).
   */
  async createFolder(name: string, parentId: string): Promise<DriveFile> {
    const res = await this.authorised(
      {
        method: 'POST',
        url: this.apiUrl('/files', { fields: 'id' }),
        headers: { 'Content-Type': 'application/json; charset=UTF-8' },
        body: JSON.stringify({ name, mimeType: FOLDER_MIME_TYPE, parents: [parentId] }),
      },
      [],
      { retry: false },
    );
    return readJson<DriveFile>(res);
  }

  /** PATCH: rename, move (add/remove parents) and set appProperties. Null when the file (or a parent) is missing. */
  async updateFile(
    fileId: string,
    changes: { name?: string; appProperties?: Record<string, string> },
    parents: { add?: readonly string[]; remove?: readonly string[] } = {},
  ): Promise<DriveFile | null> {
    const url = this.apiUrl(`/files/${encodeURIComponent(fileId)}`, {
      fields: 'id',
      addParents: parents.add?.length ? parents.add.join(',') : undefined,
      removeParents: parents.remove?.length ? parents.remove.join(',') : undefined,
    });
    const res = await this.authorised(
      { method: 'PATCH', url, headers: { 'Content-Type': 'application/json; charset=UTF-8' }, body: JSON.stringify(changes) },
      [404],
    );
    if (res.statusCode === 404) {
      discard(res);
      return null;
    }
    return readJson<DriveFile>(res);
  }

  /** Permanent delete; false when it was already gone. */
  async deleteFile(fileId: string): Promise<boolean> {
    const res = await this.authorised({ method: 'DELETE', url: this.apiUrl(`/files/${encodeURIComponent(fileId)}`) }, [404]);
    discard(res);
    return res.statusCode !== 404;
  }

  async about<T>(fields: string): Promise<T> {
    return readJson<T>(await this.authorised({ method: 'GET', url: this.apiUrl('/about', { fields }) }));
  }

  /**
   * Starts a download (`alt=media`), retried until the response starts; the
   * body is the caller's to read. 404 and 416 are returned, not thrown.
   */
  openMedia(fileId: string, range: ByteRange | undefined, signal: AbortSignal | undefined): Promise<IncomingMessage> {
    return this.authorised(
      {
        method: 'GET',
        url: this.apiUrl(`/files/${encodeURIComponent(fileId)}`, { alt: 'media' }),
        headers: range ? { Range: `bytes=${range.start}-${range.end}` } : {},
        signal,
      },
      [404, 416],
    );
  }

  /** POST `uploadType=resumable`: returns the session URI (`Location`). */
  async startUploadSession(metadata: UploadMetadata, size: number, fields: string, signal?: AbortSignal): Promise<string> {
    const res = await this.authorised({
      method: 'POST',
      url: new URL(`${this.options.uploadBaseUrl}/files?${new URLSearchParams({ uploadType: 'resumable', fields })}`),
      headers: {
        'Content-Type': 'application/json; charset=UTF-8',
        'X-Upload-Content-Type': metadata.mimeType,
        'X-Upload-Content-Length': String(size),
      },
      body: JSON.stringify(metadata),
      signal,
    });
    discard(res);
    const location = res.headers.location;
    const session = location ? new URL(location, this.options.uploadBaseUrl) : null;
    // The document's bytes go only to the upload host we were configured with, whatever a response says.
    if (!session || session.origin !== new URL(this.options.uploadBaseUrl).origin) {
      throw new AppError('BACKEND_UNAVAILABLE', 'Google Drive did not offer a usable upload address. Try again later; nothing was sent.');
    }
    return session.toString();
  }

  /**
   * One request on a session URI. No Authorization header: the session URI is
   * the credential for its requests, so an upload that outlives its access
   * token still completes. Not retried here: the resumable protocol decides.
   */
  sendToSession(sessionUri: string, contentRange: string, body: Buffer, signal?: AbortSignal): Promise<IncomingMessage> {
    return this.#transport.send({ method: 'PUT', url: new URL(sessionUri), headers: { 'Content-Range': contentRange }, body, signal });
  }

  /** The same, with the body written piece by piece as it is read. */
  streamToSession(sessionUri: string, contentRange: string, length: number, signal?: AbortSignal): StreamingRequest {
    return this.#transport.openStreaming({ method: 'PUT', url: new URL(sessionUri), headers: { 'Content-Range': contentRange }, signal }, length);
  }

  /** Abandons a session (best effort: it would expire on its own within a week). */
  async cancelSession(sessionUri: string): Promise<void> {
    const res = await this.#transport.send({ method: 'DELETE', url: new URL(sessionUri) });
    discard(res);
  }

  close(): void {
    this.#transport.close();
  }

  private apiUrl(path: string, query: Query = {}): URL {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
    const search = params.toString();
    return new URL(`${this.options.apiBaseUrl}${path}${search ? `?${search}` : ''}`);
  }

  /**
   * Sends with `Authorization: Bearer <current token>` and the retry policy.
   * 2xx (and the statuses in `accepted`) resolve with the response; others throw DriveHttpError.
   */
  private authorised(request: TransportRequest, accepted: readonly number[] = [], policy = { retry: true }): Promise<IncomingMessage> {
    const { baseDelayMs, maxDelayMs } = this.options.retry;
    const attempts = policy.retry ? this.options.retry.attempts : 1;
    return withRetry(
      async () => {
        const token = await this.options.accessToken();
        const res = await this.#transport.send({ ...request, headers: { ...request.headers, Authorization: `Bearer ${token}` } });
        const status = res.statusCode ?? 0;
        if ((status >= 200 && status < 300) || accepted.includes(status)) return res;
        throw await driveErrorFrom(res);
      },
      { attempts, baseDelayMs, maxDelayMs, classify: classifyDriveFailure, ...(request.signal ? { signal: request.signal } : {}) },
    );
  }
}
