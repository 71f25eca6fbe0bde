import type { Readable } from 'node:stream';
import { AppError } from '../../errors';
import {
  ObjectNotFoundError,
  type BackendCapabilities,
  type ByteRange,
  type HealthReport,
  type ObjectHint,
  type FilePutRequest,
  type ObjectStat,
  type PutRequest,
  type PutResult,
  type StorageBackend,
} from '../storage-backend';
import { rangedBodyStream } from '../http/ranged-body';
import { checkByteRange, refuseUnstorableSize } from '../request-checks';
import { byteSourceFor, type UploadRequest } from '../sources/byte-source-for';
import { DriveApi } from './drive-api';
import { resolveDriveOptions, type GoogleDriveBackendOptions, type ResolvedDriveOptions } from './drive-backend-options';
import { DriveHttpError, isAuthRefusal, toDriveAppError } from './drive-errors';
import {
  DOCUMENT_ID_PROPERTY,
  isDriveId,
  parseDriveSize,
  SHA256_PROPERTY,
  STAT_FIELDS,
  UPLOADED_FILE_FIELDS,
  type DriveFile,
} from './drive-file';
import { documentFilesQuery } from './drive-query';
import { DriveFolders } from './folder-resolver';
import { sendResumable } from './resumable-upload';
import { verifyUploadedFile } from './upload-verification';

/** Drive's largest file: 5 TB. */
const MAX_FILE_BYTES = 5 * 1000 ** 4;

interface AboutAnswer {
  readonly user?: { readonly emailAddress?: string; readonly displayName?: string };
  readonly storageQuota?: { readonly limit?: string; readonly usage?: string };
}

/**
 * Documents in the person's Google Drive, visible as `DocuVault/<folder>/<name>`
 * in My Drive (the app sees only what it created: `drive.file`). The object
 * key is the Drive file id, so renames and moves (`relocate`) keep the key.
 * Each file carries `docuvaultId` and `sha256` as appProperties.
 *
 * Uploads use the resumable protocol in chunks of one buffer (memory bound),
 * hashing SHA-256 while streaming, resuming from the last acknowledged byte
 * after a broken connection or a server error, and checking the size and
 * SHA-256 Drive reports before the document counts as stored; a failed
 * upload leaves no file. Downloads stream with Range, retried until the
 * first byte. A 401 raises CloudConnectionError('token_expired'): the
 * connections service refreshes and retries; this class never refreshes.
 */
export class GoogleDriveBackend implements StorageBackend {
  readonly kind = 'google_drive' as const;
  readonly capabilities: BackendCapabilities = { presignedGet: false, presignedPut: false, followsNames: true };
  readonly #options: ResolvedDriveOptions;
  readonly #api: DriveApi;
  readonly #folders: DriveFolders;

  constructor(options: GoogleDriveBackendOptions) {
    this.#options = resolveDriveOptions(options);
    this.#api = new DriveApi(this.#options);
    this.#folders = new DriveFolders(this.#api, this.#options);
  }

  get chunkSize(): number {
    return this.#options.chunkSize;
  }

  put(request: PutRequest): Promise<PutResult> {
    return this.upload(request);
  }

  /** A file on this machine, read in place into the chunk buffer (nothing allocated per read). */
  putFile(request: FilePutRequest): Promise<PutResult> {
    return this.upload(request);
  }

  private async upload(request: UploadRequest): Promise<PutResult> {
    const { size, hint, signal } = request;
    refuseUnstorableSize(request, MAX_FILE_BYTES, 'The file size is not valid for Google Drive (at most 5 TB).');
    const reader = byteSourceFor(request);
    let sessionUri: string | null = null;
    let uploaded: DriveFile | null = null;
    try {
      sessionUri = await this.startSession(hint, size, signal);
      uploaded = await sendResumable(
        { api: this.#api, sessionUri, size, chunkSize: this.#options.chunkSize, retry: this.#options.retry, signal },
        reader,
      );
      const sha256 = reader.sha256;
      verifyUploadedFile(uploaded, { size, sha256 });
      // The digest is known only now; metadata sent at the start could not carry it.
      const tagged = await this.#api.updateFile(uploaded.id, { appProperties: { [SHA256_PROPERTY]: sha256 } });
      if (!tagged) throw new ObjectNotFoundError();
      return { key: uploaded.id, size, sha256 };
    } catch (error) {
      await reader.cancel();
      // After a refused token nothing more is sent; discardIncomplete finds leftovers by their docuvaultId later.
      if (!isAuthRefusal(error)) {
        if (uploaded) await this.#api.deleteFile(uploaded.id).catch(() => undefined);
        else if (sessionUri) await this.#api.cancelSession(sessionUri).catch(() => undefined);
      }
      throw toDriveAppError(error, 'upload');
    }
  }

  /** Opens the resumable session in the document's folder; a remembered folder that vanished is looked up afresh once. */
  private async startSession(hint: ObjectHint, size: number, signal: AbortSignal | undefined): Promise<string> {
    const open = async () =>
      this.#api.startUploadSession(
        {
          name: hint.name,
          parents: [await this.#folders.resolve(hint.folderPath)],
          mimeType: hint.contentType || 'application/octet-stream',
          appProperties: { [DOCUMENT_ID_PROPERTY]: hint.documentId },
        },
        size,
        UPLOADED_FILE_FIELDS,
        signal,
      );
    try {
      return await open();
    } catch (error) {
      if (!(error instanceof DriveHttpError && error.status === 404)) throw error;
      this.#folders.forget();
      return open();
    }
  }

  async get(key: string, options: { range?: ByteRange; signal?: AbortSignal } = {}): Promise<Readable> {
    const { range, signal } = options;
    checkByteRange(range);
    if (!isDriveId(key)) throw new ObjectNotFoundError();
    let res;
    try {
      res = await this.#api.openMedia(key, range, signal);
    } catch (error) {
      throw toDriveAppError(error, 'download');
    }
    if (res.statusCode === 404) {
      res.resume();
      throw new ObjectNotFoundError();
    }
    if (res.statusCode === 416) {
      res.resume();
      throw new AppError('VALIDATION', 'The requested byte range lies outside the document.');
    }
    return rangedBodyStream(res, range, { serviceName: 'Google Drive', toAppError: (error) => toDriveAppError(error, 'download'), signal });
  }

  async delete(key: string): Promise<void> {
    if (!isDriveId(key)) return;
    try {
      await this.#api.deleteFile(key);
    } catch (error) {
      throw toDriveAppError(error, 'deletion');
    }
  }

  async stat(key: string): Promise<ObjectStat | null> {
    if (!isDriveId(key)) return null;
    let file: DriveFile | null;
    try {
      file = await this.#api.getFile(key, STAT_FIELDS);
    } catch (error) {
      throw toDriveAppError(error, 'lookup');
    }
    if (!file) return null;
    const modified = file.modifiedTime ? new Date(file.modifiedTime) : null;
    return {
      key,
      size: parseDriveSize(file.size) ?? 0,
      sha256: file.appProperties?.[SHA256_PROPERTY] ?? file.sha256Checksum ?? null,
      modifiedAt: modified && !Number.isNaN(modified.getTime()) ? modified : null,
    };
  }

  /**
   * The account and its free space from `about`. Refused credentials are
   * raised (so the service can mark the connection); other failures are
   * reported as not ok, with a message a person can act on.
   */
  async healthCheck(): Promise<HealthReport> {
    let about: AboutAnswer;
    try {
      about = await this.#api.about<AboutAnswer>('user(emailAddress,displayName),storageQuota(limit,usage)');
    } catch (error) {
      const mapped = toDriveAppError(error, 'connection check');
      if (mapped.code === 'REAUTH_REQUIRED') throw mapped;
      return { ok: false, message: mapped.message, freeBytes: null };
    }
    const limit = parseDriveSize(about.storageQuota?.limit);
    const usage = parseDriveSize(about.storageQuota?.usage) ?? 0;
    const who = about.user?.emailAddress ?? about.user?.displayName;
    return {
      ok: true,
      message: who ? `Connected to Google Drive as ${who}.` : 'Connected to Google Drive.',
      // No limit means an unlimited plan.
      freeBytes: limit === null ? null : Math.max(0, limit - usage),
    };
  }

  /** Deletes every file tagged with this document's id (an interrupted or unverified upload's leftovers). */
  async discardIncomplete(documentId: string): Promise<void> {
    try {
      const ids: string[] = [];
      let pageToken: string | undefined;
      do {
        const page = await this.#api.listFiles({
          q: documentFilesQuery(documentId),
          fields: 'nextPageToken,files(id)',
          ...(pageToken ? { pageToken } : {}),
        });
        for (const file of page.files ?? []) ids.push(file.id);
        pageToken = page.nextPageToken;
      } while (pageToken);
      for (const id of ids) await this.#api.deleteFile(id);
    } catch (error) {
      throw toDriveAppError(error, 'clean-up');
    }
  }

  /** Follows a rename or a move: PATCH the name and swap the parent. The key (the file id) stays. */
  async relocate(key: string, hint: ObjectHint): Promise<string> {
    if (!isDriveId(key)) throw new ObjectNotFoundError();
    try {
      const move = async () => {
        const parent = await this.#folders.resolve(hint.folderPath);
        const file = await this.#api.getFile(key, 'id,parents');
        if (!file) throw new ObjectNotFoundError();
        const current = file.parents ?? [];
        return this.#api.updateFile(
          key,
          { name: hint.name },
          { add: current.includes(parent) ? [] : [parent], remove: current.filter((id) => id !== parent) },
        );
      };
      let moved = await move();
      if (!moved) {
        // The file exists, so the missing one was a remembered folder (deleted in Drive): look it up afresh once.
        this.#folders.forget();
        moved = await move();
      }
      if (!moved) throw new ObjectNotFoundError();
      return key;
    } catch (error) {
      throw toDriveAppError(error, 'move');
    }
  }

  /**
   * Finds or creates the visible DocuVault folder in My Drive; for the
   * connections service's `afterConnect`, so the folder is there as soon as
   * the person connects.
   */
  async ensureRootFolder(): Promise<void> {
    try {
      await this.#folders.resolve([]);
    } catch (error) {
      throw toDriveAppError(error, 'folder set-up');
    }
  }

  /** Closes idle keep-alive sockets (when the connection is removed). */
  close(): void {
    this.#api.close();
  }
}
