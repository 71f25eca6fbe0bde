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
import type { ByteSource } from '../sources/byte-source';
import { rangedBodyStream } from '../http/ranged-body';
import { checkByteRange, refuseUnstorableSize } from '../request-checks';
import { byteSourceFor, releaseRequest, type UploadRequest } from '../sources/byte-source-for';
import { openContent } from './content-download';
import { isOneDriveItemId, isStageableDocumentId, type DriveItem } from './drive-item';
import { OneDriveFolders } from './folder-resolver';
import { GraphApi } from './graph-api';
import { GraphHttpError, isAuthRefusal, toOneDriveAppError, UploadOutcomeUnknownError } from './graph-errors';
import { placeItem } from './name-placement';
import { resolveOneDriveOptions, type OneDriveBackendOptions, type ResolvedOneDriveOptions } from './onedrive-backend-options';
import { oneDriveName } from './onedrive-names';
import { QuickXorHash } from './quick-xor-hash';
import { sendFragments } from './upload-session';
import { verifyUploadedItem } from './upload-verification';

/** OneDrive's largest file: 250 GB. */
const MAX_FILE_BYTES = 250 * 1000 ** 3;
const STAT_FIELDS = 'id,size,lastModifiedDateTime,file,folder';

/**
 * Documents in the person's OneDrive, visible as `DocuVault/<folder>/<name>`
 * at the root of the drive. The object key is the driveItem id, so renames
 * and moves (`relocate`, a PATCH) keep the key.
 *
 * An upload first goes to `DocuVault/.docuvault-staging/<document id>`
 * through an upload session (10 MiB fragments, one buffer of memory,
 * SHA-256 and quickXorHash computed while streaming), is checked against the
 * size and quickXorHash OneDrive reports, and only then is moved to its
 * folder under its own name — never over another item: a clash tries
 * "name (2)". A staged item is named by its document's id, so
 * `discardIncomplete` finds leftovers with one request by path, and the
 * session may `replace` there (only this document's own leftover can hold
 * that name). A failed upload leaves nothing behind.
 *
 * A 401 raises CloudConnectionError('token_expired'): the connections
 * service refreshes and retries; this class never refreshes.
 */
export class OneDriveBackend implements StorageBackend {
  readonly kind = 'onedrive' as const;
  readonly capabilities: BackendCapabilities = { presignedGet: false, presignedPut: false, followsNames: true };
  readonly #options: ResolvedOneDriveOptions;
  readonly #api: GraphApi;
  readonly #folders: OneDriveFolders;

  constructor(options: OneDriveBackendOptions) {
    this.#options = resolveOneDriveOptions(options);
    this.#api = new GraphApi(this.#options);
    this.#folders = new OneDriveFolders(this.#api, this.#options);
  }

  get fragmentSize(): number {
    return this.#options.fragmentSize;
  }

  put(request: PutRequest): Promise<PutResult> {
    return this.upload(request);
  }

  /** A file on this machine, read in place into the fragment buffer (nothing allocated per read). */
  putFile(request: FilePutRequest): Promise<PutResult> {
    return this.upload(request);
  }

  private async upload(request: UploadRequest): Promise<PutResult> {
    const { size, hint, signal } = request;
    refuseUnstorableSize(request, MAX_FILE_BYTES, 'The file size is not valid for OneDrive (at most 250 GB).');
    if (!isStageableDocumentId(hint.documentId)) {
      releaseRequest(request);
      throw new AppError('VALIDATION', 'The document id cannot name an upload.');
    }
    const quickXor = new QuickXorHash();
    const reader = byteSourceFor(request, (piece) => quickXor.update(piece));
    let uploadUrl: string | null = null;
    let staged: DriveItem | null = null;
    try {
      if (size === 0) {
        await reader.finish();
        staged = await this.inStaging((staging) => this.#api.putSmallContent(staging, hint.documentId, Buffer.alloc(0), 'replace'));
      } else {
        uploadUrl = await this.inStaging((staging) =>
          this.#api.createUploadSession(staging, hint.documentId, { conflictBehavior: 'replace', fileSize: size }),
        );
        staged = await this.sendOrFind(uploadUrl, size, reader, hint.documentId, () => quickXor.digestBase64(), signal);
        uploadUrl = null;
      }
      await this.verify(staged, { size, quickXorHash: quickXor.digestBase64() });
      const placed = await this.place(staged.id, hint);
      if (!placed) throw new ObjectNotFoundError();
      return { key: placed.id, size, sha256: reader.sha256 };
    } catch (error) {
      await reader.cancel();
      // After a refused token nothing more is sent; discardIncomplete finds the staged leftover by path later.
      if (!isAuthRefusal(error)) {
        if (uploadUrl) await this.#api.cancelSession(uploadUrl).catch(() => undefined);
        if (staged) await this.#api.deleteItem(staged.id).catch(() => undefined);
      }
      throw toOneDriveAppError(error, 'upload');
    }
  }

  /**
   * Sends the fragments; when the last fragment's answer was lost and the
   * session is gone, the upload most likely completed: the staged item is
   * looked up by path and accepted only if it is exactly what was sent.
   */
  private async sendOrFind(
    uploadUrl: string,
    size: number,
    reader: ByteSource,
    documentId: string,
    quickXorHash: () => string,
    signal: AbortSignal | undefined,
  ): Promise<DriveItem> {
    try {
      return await sendFragments(
        { api: this.#api, uploadUrl, size, fragmentSize: this.#options.fragmentSize, retry: this.#options.retry, signal },
        reader,
      );
    } catch (error) {
      if (!(error instanceof UploadOutcomeUnknownError)) throw error;
      const found = await this.#api.getItem('root', this.#folders.stagedPath(documentId));
      if (!found || found.size !== size || found.file?.hashes?.quickXorHash !== quickXorHash()) throw error;
      return found;
    }
  }

  /** Checks size and quickXorHash; a completion answer without hashes is asked about once more. */
  private async verify(item: DriveItem, expected: { size: number; quickXorHash: string }): Promise<void> {
    if (verifyUploadedItem(item, expected)) return;
    const again = await this.#api.getItem(item.id, [], STAT_FIELDS);
    if (!again) throw new ObjectNotFoundError();
    // Still no hash (OneDrive computes some lazily): the size matched, and our SHA-256 goes on the document row.
    verifyUploadedItem(again, expected);
  }

  /**
   * Runs a request that creates something in the staging folder. A 404 means
   * the remembered folder was deleted in OneDrive: it is looked up (and made)
   * afresh, once.
   */
  private async inStaging<T>(create: (stagingId: string) => Promise<T>): Promise<T> {
    try {
      return await create(await this.#folders.staging());
    } catch (error) {
      if (!(error instanceof GraphHttpError && error.status === 404)) throw error;
      this.#folders.forget();
      return create(await this.#folders.staging());
    }
  }

  /** Moves an item to the hint's folder under the hint's name (numbered on clashes); a remembered folder that vanished is looked up afresh once. */
  private async place(itemId: string, hint: ObjectHint): Promise<DriveItem | null> {
    const name = oneDriveName(hint.name);
    const attempt = async () => placeItem(this.#api, itemId, await this.#folders.resolve(hint.folderPath), name);
    const placed = await attempt();
    if (placed) return placed;
    if (!(await this.#api.getItem(itemId, [], 'id'))) return null;
    // The item exists, so the missing one was the remembered folder (deleted in OneDrive).
    this.#folders.forget();
    return attempt();
  }

  async get(key: string, options: { range?: ByteRange; signal?: AbortSignal } = {}): Promise<Readable> {
    const { range, signal } = options;
    checkByteRange(range);
    if (!isOneDriveItemId(key)) throw new ObjectNotFoundError();
    try {
      const res = await openContent(this.#api, key, range, signal);
      return rangedBodyStream(res, range, { serviceName: 'OneDrive', toAppError: (error) => toOneDriveAppError(error, 'download'), signal });
    } catch (error) {
      throw toOneDriveAppError(error, 'download');
    }
  }

  async delete(key: string): Promise<void> {
    if (!isOneDriveItemId(key)) return;
    try {
      await this.#api.deleteItem(key);
    } catch (error) {
      throw toOneDriveAppError(error, 'deletion');
    }
  }

  async stat(key: string): Promise<ObjectStat | null> {
    if (!isOneDriveItemId(key)) return null;
    let item: DriveItem | null;
    try {
      item = await this.#api.getItem(key, [], STAT_FIELDS);
    } catch (error) {
      throw toOneDriveAppError(error, 'lookup');
    }
    if (!item || item.folder) return null;
    const modified = item.lastModifiedDateTime ? new Date(item.lastModifiedDateTime) : null;
    return {
      key,
      size: item.size ?? 0,
      // OneDrive keeps no SHA-256 DocuVault could read back; the document row has it.
      sha256: null,
      modifiedAt: modified && !Number.isNaN(modified.getTime()) ? modified : null,
    };
  }

  /**
   * The account and its free space from `/me/drive`. Refused credentials are
   * raised (so the service can mark the connection); other failures are
   * reported as not ok, with a message a person can act on.
   */
  async healthCheck(): Promise<HealthReport> {
    let drive;
    try {
      drive = await this.#api.drive();
    } catch (error) {
      const mapped = toOneDriveAppError(error, 'connection check');
      if (mapped.code === 'REAUTH_REQUIRED') throw mapped;
      return { ok: false, message: mapped.message, freeBytes: null };
    }
    const who = drive.owner?.user?.displayName;
    const remaining = drive.quota?.remaining;
    return {
      ok: true,
      message: who ? `Connected to OneDrive as ${who}.` : 'Connected to OneDrive.',
      freeBytes: typeof remaining === 'number' && Number.isFinite(remaining) ? Math.max(0, remaining) : null,
    };
  }

  /** Deletes `DocuVault/.docuvault-staging/<document id>` (an interrupted or unverified upload's leftover); one request, idempotent. */
  async discardIncomplete(documentId: string): Promise<void> {
    if (!isStageableDocumentId(documentId)) return;
    try {
      await this.#api.deleteItem('root', this.#folders.stagedPath(documentId));
    } catch (error) {
      throw toOneDriveAppError(error, 'clean-up');
    }
  }

  /** Follows a rename or a move: PATCH the name and parent, numbered on clashes. The key (the item id) stays. */
  async relocate(key: string, hint: ObjectHint): Promise<string> {
    if (!isOneDriveItemId(key)) throw new ObjectNotFoundError();
    let placed: DriveItem | null;
    try {
      placed = await this.place(key, hint);
    } catch (error) {
      throw toOneDriveAppError(error, 'move');
    }
    if (!placed) throw new ObjectNotFoundError();
    return placed.id;
  }

  /** Finds or creates the visible DocuVault folder; for the connections service's `afterConnect`. Asks OneDrive, never memory. */
  async ensureRootFolder(): Promise<void> {
    try {
      this.#folders.forget();
      await this.#folders.resolve([]);
    } catch (error) {
      throw toOneDriveAppError(error, 'folder set-up');
    }
  }

  /** Closes the idle sockets of the agents the backend made itself (injected agents belong to the caller). */
  close(): void {
    this.#api.close();
  }
}

