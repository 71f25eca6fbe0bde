import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DocumentDto, DocumentPage, VaultInfoDto } from '../../../src-shared/domain';
import { AppError, notFound, toStorageAppError } from '../errors';
import type { FolderRepository } from '../folders/folder-repository';
import type { Clock, Logger } from '../ports';
import type { BackendRegistry } from '../storage/backend-registry';
import type { ByteRange, StorageBackend } from '../storage/storage-backend';
import type { EventBus } from '../util/event-bus';
import type { VaultSettings } from '../vault/vault-settings';
import { documentToDto, type DocumentRepository, type DocumentRow, type ListQuery, type Reservation } from './document-repository';
import type { FolderRow } from '../folders/folder-repository';
import { exportFileName, normalizeDisplayName } from './file-names';

export interface DocumentServiceDeps {
  readonly documents: DocumentRepository;
  readonly folders: FolderRepository;
  readonly registry: BackendRegistry;
  readonly settings: VaultSettings;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The byte quota DocuVault enforces on a connection (S3), if any. */
  readonly connectionQuota?: (connectionId: string) => number | null;
}

/** The requested range cannot be served (HTTP 416). */
export class RangeNotSatisfiableError extends AppError {
  constructor(readonly size: number) {
    super('VALIDATION', 'The requested part of the document is outside its size.');
    this.name = 'RangeNotSatisfiableError';
  }
}

export interface OpenedContent {
  readonly stream: Readable;
  readonly size: number;
  readonly contentType: string;
  readonly name: string;
  /** The range served, or null for the whole document. */
  readonly range: ByteRange | null;
}

/** Everything done with stored documents except uploading them. */
export class DocumentService {
  constructor(private readonly deps: DocumentServiceDeps) {}

  list(query: ListQuery): DocumentPage {
    if (query.folderId && !this.deps.folders.get(query.folderId)) throw notFound('The folder');
    const { rows, total } = this.deps.documents.list(query);
    return { items: rows.map(documentToDto), total, offset: query.offset };
  }

  /** The ids of a listing's rows (same filter and order as `list`), for selecting rows never loaded. */
  listIds(query: ListQuery): { ids: string[] } {
    if (query.folderId && !this.deps.folders.get(query.folderId)) throw notFound('The folder');
    return { ids: this.deps.documents.listIds(query) };
  }

  get(id: string): DocumentDto {
    return documentToDto(this.requireReady(id));
  }

  /** The document's bytes, whole or an inclusive byte range, streamed from its backend. */
  async openContent(id: string, range?: ByteRange | null): Promise<OpenedContent> {
    const row = this.requireReady(id);
    if (range && (range.start < 0 || range.end < range.start || range.start >= row.size)) {
      throw new RangeNotSatisfiableError(row.size);
    }
    const served = range ? { start: range.start, end: Math.min(range.end, row.size - 1) } : null;
    const backend = await this.backendFor(row);
    const stream = await backend.get(row.object_key!, served ? { range: served } : {});
    return { stream, size: row.size, contentType: row.content_type, name: row.name, range: served };
  }

  async rename(id: string, requested: string): Promise<DocumentDto> {
    const row = this.requireReady(id);
    const name = normalizeDisplayName(requested);
    if (name === row.name) return documentToDto(row);
    if (this.deps.documents.nameTaken(row.folder_id, name, row.id)) {
      throw new AppError('CONFLICT', `A document named “${name}” already exists in this folder.`);
    }
    const backend = await this.backendFor(row);
    if (backend.capabilities.followsNames && backend.relocate) {
      const key = await backend.relocate(row.object_key!, this.hintFor(row, row.folder_id, name));
      this.deps.documents.setObjectKey(row.id, key, this.now());
    }
    this.deps.documents.rename(row.id, name, this.now());
    this.changed([row.folder_id]);
    return documentToDto(this.deps.documents.get(row.id)!);
  }

  /**
   * Moves documents to a folder. Within one backend only the row changes (and the
   * server-side name, where the layout uses names). Across backends the bytes are
   * copied, verified against the stored SHA-256, and only then is the original removed.
   */
  async move(ids: readonly string[], folderId: string): Promise<DocumentDto[]> {
    const target = this.deps.folders.get(folderId);
    if (!target) throw notFound('The destination folder');
    const rows = ids.map((id) => this.requireReady(id));
    const moved: DocumentDto[] = [];
    const touched = new Set<string>([folderId]);
    try {
      for (const row of rows) {
        if (row.folder_id === folderId) {
          moved.push(documentToDto(row));
          continue;
        }
        touched.add(row.folder_id);
        const sameBackend = row.storage_backend === target.storage_backend && row.connection_id === target.connection_id;
        moved.push(documentToDto(sameBackend ? await this.moveWithin(row, folderId) : await this.moveAcross(row, target)));
      }
    } finally {
      this.changed([...touched]);
    }
    return moved;
  }

  private async moveWithin(row: DocumentRow, folderId: string): Promise<DocumentRow> {
    const backend = await this.backendFor(row);
    let key: string | null = null;
    if (backend.capabilities.followsNames && backend.relocate) {
      key = await backend.relocate(row.object_key!, this.hintFor(row, folderId, row.name));
    }
    return this.deps.documents.moveTo(row.id, folderId, key, this.now());
  }

  private async moveAcross(row: DocumentRow, target: FolderRow): Promise<DocumentRow> {
    const source = await this.backendFor(row);
    const destination = await this.deps.registry.resolve({ backend: target.storage_backend, connectionId: target.connection_id });
    const body = await source.get(row.object_key!);
    const copy = await destination.put({ body, size: row.size, hint: this.hintFor(row, target.id, row.name) });
    try {
      if (copy.sha256 !== row.sha256 || copy.size !== row.size) {
        throw new AppError('CONFLICT', `The copy of “${row.name}” did not match the original, so it was not moved.`);
      }
      const movedRow = this.deps.documents.moveAcross(row.id, {
        folderId: target.id,
        backend: target.storage_backend,
        connectionId: target.connection_id,
        objectKey: copy.key,
        now: this.now(),
        quota: this.quotaFor(target.storage_backend, target.connection_id),
      });
      await source.delete(row.object_key!).catch((error: unknown) => {
        // The document is safe at its new home; a leftover copy at the old one is only wasted space.
        this.deps.logger.log('warn', 'could not remove the original after a move', { error: String(error) });
      });
      return movedRow;
    } catch (error) {
      await destination.delete(copy.key).catch(() => undefined);
      throw error;
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

  /**
   * Deletes each document's bytes, then its row. Missing documents count as deleted.
   * One failure does not stop the others; it is reported once they are done.
   */
  async delete(ids: readonly string[]): Promise<{ deleted: number }> {
    let deleted = 0;
    const failures: AppError[] = [];
    const touched = new Set<string>();
    for (const id of new Set(ids)) {
      const row = this.deps.documents.getReady(id);
      if (!row) {
        deleted++;
        continue;
      }
      try {
        const backend = await this.backendFor(row);
        await backend.delete(row.object_key!);
        this.deps.documents.deleteRow(row.id);
        touched.add(row.folder_id);
        deleted++;
      } catch (error) {
        failures.push(toStorageAppError(error, 'deletion'));
      }
    }
    if (touched.size) this.changed([...touched]);
    if (failures.length) {
      const first = failures[0]!;
      const prefix = ids.length > 1 ? `${failures.length} of ${ids.length} documents could not be deleted. ` : '';
      throw new AppError(first.code, prefix + first.message);
    }
    return { deleted };
  }

  /** Streams a copy to `destination` (chosen by the person in a save dialog), atomically. */
  async exportTo(id: string, destination: string): Promise<{ fileName: string }> {
    const content = await this.openContent(id);
    const partial = join(dirname(destination), `.${randomUUID()}.docuvault-partial`);
    try {
      await pipeline(content.stream, createWriteStream(partial, { flags: 'wx', mode: 0o644, flush: true }));
      await rename(partial, destination);
      return { fileName: basename(destination) };
    } catch (error) {
      content.stream.destroy();
      await rm(partial, { force: true }).catch(() => undefined);
      throw toStorageAppError(error, 'export');
    }
  }

  /** A link anyone can open until it expires, where the backend has them (S3). */
  async shareLink(id: string, expiresInSeconds: number): Promise<{ url: string; expiresAt: string }> {
    const row = this.requireReady(id);
    const backend = await this.backendFor(row);
    if (!backend.capabilities.presignedGet || !backend.presignGet) {
      throw new AppError('UNSUPPORTED', 'Share links are available for documents stored on S3-compatible storage.');
    }
    const url = await backend.presignGet(row.object_key!, expiresInSeconds);
    return { url, expiresAt: new Date(this.now() + expiresInSeconds * 1000).toISOString() };
  }

  suggestedExportName(id: string): string {
    return exportFileName(this.requireReady(id).name);
  }

  vaultInfo(): VaultInfoDto {
    const usage = this.deps.documents.localUsage();
    return { usedBytes: usage.bytes, quotaBytes: this.deps.settings.quotaBytes(), documentCount: usage.documents };
  }

  setQuota(quotaBytes: number | null): VaultInfoDto {
    this.deps.settings.setQuotaBytes(quotaBytes);
    return this.vaultInfo();
  }

  private requireReady(id: string): DocumentRow {
    const row = this.deps.documents.getReady(id);
    if (!row) throw notFound('The document');
    return row;
  }

  private backendFor(row: DocumentRow): Promise<StorageBackend> {
    return this.deps.registry.resolve({ backend: row.storage_backend, connectionId: row.connection_id });
  }

  private hintFor(row: DocumentRow, folderId: string, name: string) {
    return { documentId: row.id, name, folderPath: this.deps.folders.path(folderId), contentType: row.content_type };
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private changed(folderIds: string[]): void {
    this.deps.events.emit('documents:changed', { folderIds });
  }
}
