import { randomUUID } from 'node:crypto';
import type { UploadBatchDto, UploadItemDto, UploadState } from '../../../src-shared/domain';
import { AppError, isAbortError, notFound, toStorageAppError } from '../errors';
import type { FolderRepository } from '../folders/folder-repository';
import type { Clock, Logger } from '../ports';
import type { BackendRegistry } from '../storage/backend-registry';
import { SourceReadFailure, type StorageBackend } from '../storage/storage-backend';
import type { Readable } from 'node:stream';
import type { EventBus } from '../util/event-bus';
import { Semaphore } from '../util/semaphore';
import { TrailingThrottle } from '../util/throttle';
import type { VaultSettings } from '../vault/vault-settings';
import { detectContentType, SNIFF_BYTES } from './content-type';
import type { DocumentRepository, DocumentRow, Reservation } from './document-repository';
import { normalizeDisplayName } from './file-names';
import { peekHead } from './peek-head';
import { readHead } from './read-head';
import { openSource, probeSize, sourceName, sourceReadError, type ParsedUploadSource, type StreamRegistry } from './upload-sources';

interface UploadItem {
  readonly uploadId: string;
  readonly batchId: string;
  readonly folderId: string;
  readonly source: ParsedUploadSource;
  name: string;
  state: UploadState;
  bytesDone: number;
  bytesTotal: number | null;
  documentId: string | null;
  error: { code: string; message: string } | null;
  readonly abort: AbortController;
}

interface Batch {
  readonly id: string;
  readonly items: UploadItem[];
  readonly dirty: Set<UploadItem>;
  readonly changedFolders: Set<string>;
  readonly throttle: TrailingThrottle;
}

export interface UploadManagerDeps {
  readonly documents: DocumentRepository;
  readonly folders: FolderRepository;
  readonly registry: BackendRegistry;
  readonly settings: VaultSettings;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly concurrency?: number;
  readonly progressIntervalMs?: number;
  /** The byte quota DocuVault enforces on a connection (S3), if any. */
  readonly connectionQuota?: (connectionId: string) => number | null;
}

export interface StartedBatch {
  readonly batch: UploadBatchDto;
  /** Settles when every item has finished, failed or been cancelled. Never rejects. */
  readonly done: Promise<UploadItemDto[]>;
}

const TERMINAL: ReadonlySet<UploadState> = new Set(['done', 'failed', 'cancelled']);

/**
 * Runs uploads: each file streams through SHA-256 into its folder's backend, a
 * bounded number at a time. A row is `uploading` until its bytes are stored and
 * verified; any failure removes the object and the row, so there is never a
 * `ready` document without its bytes.
 */
export class UploadManager {
  private readonly semaphore: Semaphore;
  private readonly items = new Map<string, UploadItem>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly intervalMs: number;

  constructor(private readonly deps: UploadManagerDeps) {
    this.semaphore = new Semaphore(deps.concurrency ?? 3);
    this.intervalMs = deps.progressIntervalMs ?? 250;
  }

  async start(folderId: string, sources: readonly ParsedUploadSource[], streams?: StreamRegistry): Promise<StartedBatch> {
    if (!this.deps.folders.get(folderId)) throw notFound('The folder');
    const batchId = randomUUID();
    const sizes = await Promise.all(sources.map((s) => probeSize(s)));
    const batch: Batch = {
      id: batchId,
      items: [],
      dirty: new Set(),
      changedFolders: new Set(),
      throttle: new TrailingThrottle(this.intervalMs, () => this.flush(batch)),
    };
    sources.forEach((source, index) => {
      const item: UploadItem = {
        uploadId: randomUUID(),
        batchId,
        folderId,
        source,
        name: normalizeDisplayName(sourceName(source)),
        state: 'queued',
        bytesDone: 0,
        bytesTotal: sizes[index] ?? null,
        documentId: null,
        error: null,
        abort: new AbortController(),
      };
      batch.items.push(item);
      this.items.set(item.uploadId, item);
    });
    const done = Promise.all(batch.items.map((item) => this.semaphore.run(() => this.runItem(batch, item, streams)))).then(
      () => {
        batch.throttle.now();
        for (const item of batch.items) this.items.delete(item.uploadId);
        return batch.items.map(toDto);
      },
    );
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
    return { batch: { batchId, items: batch.items.map(toDto) }, done };
  }

  /** Cancels a queued or running upload. False when it is unknown or already finished. */
  cancel(uploadId: string): boolean {
    const item = this.items.get(uploadId);
    if (!item || TERMINAL.has(item.state)) return false;
    item.abort.abort();
    return true;
  }

  cancelAll(): void {
    for (const item of this.items.values()) item.abort.abort();
  }

  /** Resolves once no upload is running (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  private async runItem(batch: Batch, item: UploadItem, streams: StreamRegistry | undefined): Promise<void> {
    if (item.abort.signal.aborted) {
      this.settle(batch, item, 'cancelled', new AppError('CANCELLED', 'The upload was cancelled.'));
      return;
    }
    this.update(batch, item, { state: 'uploading' });
    let row: DocumentRow | null = null;
    let backend: StorageBackend | null = null;
    let storedKey: string | null = null;
    let opened: Awaited<ReturnType<typeof openSource>> | null = null;
    let sourceError: unknown = null;
    try {
      opened = await openSource(item.source, streams);
      this.update(batch, item, { bytesTotal: opened.size });
      const folder = this.deps.folders.get(item.folderId);
      if (!folder) throw notFound('The folder');
      backend = await this.deps.registry.resolve({ backend: folder.storage_backend, connectionId: folder.connection_id });
      // Files on this machine go to backends that can read them in place; everything else streams.
      const file = opened.file && backend.putFile ? opened.file : null;
      let body: Readable | null = null;
      let head: Buffer;
      if (file) {
        head = await readHead(file, SNIFF_BYTES, item.name);
      } else {
        const stream = opened.stream();
        stream.once('error', (error) => (sourceError ??= error));
        const peeked = await peekHead(stream, SNIFF_BYTES, item.abort.signal);
        head = peeked.head;
        body = peeked.stream;
      }
      const contentType = await detectContentType(head, item.name);
      row = this.deps.documents.reserve({
        id: randomUUID(),
        folderId: folder.id,
        requestedName: item.name,
        size: opened.size,
        backend: folder.storage_backend,
        connectionId: folder.connection_id,
        now: this.deps.clock.now().getTime(),
        quota: this.quotaFor(folder.storage_backend, folder.connection_id),
      });
      item.documentId = row.id;
      const target = {
        size: opened.size,
        hint: { documentId: row.id, name: row.name, folderPath: this.deps.folders.path(folder.id), contentType },
        signal: item.abort.signal,
        onProgress: (bytes: number) => this.update(batch, item, { bytesDone: bytes }),
      };
      const result = file ? await backend.putFile!({ ...target, file }) : await backend.put({ ...target, body: body! });
      storedKey = result.key;
      if (result.size !== opened.size) throw new AppError('CONFLICT', 'The stored file does not match the original. Try again.');
      this.deps.documents.markReady(row.id, {
        objectKey: result.key,
        sha256: result.sha256,
        contentType,
        now: this.deps.clock.now().getTime(),
      });
      batch.changedFolders.add(folder.id);
      this.settle(batch, item, 'done', null);
    } catch (error) {
      await this.cleanUp(row, backend, storedKey);
      const cancelled = item.abort.signal.aborted || isAbortError(error);
      const appError = cancelled
        ? new AppError('CANCELLED', 'The upload was cancelled.')
        : error instanceof SourceReadFailure
          ? sourceReadError(item.name, error.cause)
          : sourceError && !(error instanceof AppError)
            ? sourceReadError(item.name, sourceError)
            : toStorageAppError(error, 'upload');
      if (!cancelled && appError.code === 'INTERNAL') {
        this.deps.logger.log('error', 'upload failed', { error: String(error) });
      }
      item.documentId = null;
      this.settle(batch, item, cancelled ? 'cancelled' : 'failed', appError);
    } finally {
      await opened?.close();
    }
  }

  private quotaFor(backend: string, connectionId: string | null): Reservation['quota'] {
    if (backend === 'local') {
      const bytes = this.deps.settings.quotaBytes();
      return bytes === null ? null : { bytes, scope: 'local' };
    }
    const bytes = connectionId ? (this.deps.connectionQuota?.(connectionId) ?? null) : null;
    return bytes === null || !connectionId ? null : { bytes, scope: 'connection', connectionId };
  }

  /** Removes whatever a failed upload left, so a failure never leaves bytes or a row behind. */
  private async cleanUp(row: DocumentRow | null, backend: StorageBackend | null, storedKey: string | null): Promise<void> {
    if (!row) return;
    try {
      if (backend) {
        if (storedKey) await backend.delete(storedKey);
        else await backend.discardIncomplete(row.id);
      }
    } catch (error) {
      // The row stays `uploading`; startup recovery will try again.
      this.deps.logger.log('warn', 'could not remove a failed upload; recovery will retry', { error: String(error) });
      return;
    }
    this.deps.documents.deleteRow(row.id);
  }

  private update(batch: Batch, item: UploadItem, patch: Partial<Pick<UploadItem, 'state' | 'bytesDone' | 'bytesTotal'>>): void {
    Object.assign(item, patch);
    batch.dirty.add(item);
    batch.throttle.poke();
  }

  private settle(batch: Batch, item: UploadItem, state: UploadState, error: AppError | null): void {
    item.state = state;
    item.error = error ? { code: error.code, message: error.message } : null;
    if (state === 'done' && item.bytesTotal !== null) item.bytesDone = item.bytesTotal;
    batch.dirty.add(item);
    batch.throttle.poke();
  }

  private flush(batch: Batch): void {
    const changed = [...batch.dirty].map(toDto);
    batch.dirty.clear();
    let bytesDone = 0;
    let bytesTotal = 0;
    let filesDone = 0;
    let filesFailed = 0;
    for (const item of batch.items) {
      bytesDone += item.bytesDone;
      bytesTotal += item.bytesTotal ?? 0;
      if (item.state === 'done') filesDone++;
      if (item.state === 'failed' || item.state === 'cancelled') filesFailed++;
    }
    if (changed.length) {
      this.deps.events.emit('uploads:progress', {
        batchId: batch.id,
        items: changed,
        overall: { bytesDone, bytesTotal, filesDone, filesFailed, filesTotal: batch.items.length },
      });
    }
    if (batch.changedFolders.size) {
      this.deps.events.emit('documents:changed', { folderIds: [...batch.changedFolders] });
      batch.changedFolders.clear();
    }
  }
}

function toDto(item: UploadItem): UploadItemDto {
  return {
    uploadId: item.uploadId,
    batchId: item.batchId,
    folderId: item.folderId,
    name: item.name,
    state: item.state,
    bytesDone: item.bytesDone,
    bytesTotal: item.bytesTotal,
    documentId: item.documentId,
    error: item.error,
  };
}
