import type { Database } from 'better-sqlite3';
import type { DocumentDto, DocumentStatus, StorageBackendKind } from '../../../src-shared/domain';
import type { SortKey } from '../../../src-shared/contract';
import { AppError } from '../errors';
import { nameKey, numberedName } from './file-names';

export interface DocumentRow {
  id: string;
  folder_id: string;
  name: string;
  name_key: string;
  content_type: string;
  size: number;
  sha256: string | null;
  storage_backend: StorageBackendKind;
  connection_id: string | null;
  object_key: string | null;
  status: DocumentStatus;
  created_at: number;
  updated_at: number;
}

/** Rows read for the window carry their connection's status, to say whether the bytes can be reached. */
export type ListedDocumentRow = DocumentRow & { connection_status?: string | null };

export function documentToDto(row: ListedDocumentRow): DocumentDto {
  return {
    id: row.id,
    folderId: row.folder_id,
    name: row.name,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256 ?? '',
    backend: row.storage_backend,
    connectionId: row.connection_id,
    status: row.status,
    available: row.connection_id === null || row.connection_status === 'ACTIVE' || row.connection_status === 'ERROR',
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export interface ListQuery {
  folderId?: string | undefined;
  search?: string | undefined;
  sortBy: SortKey;
  sortDir: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const SORT_COLUMNS: Record<SortKey, string> = { name: 'name_key', size: 'size', createdAt: 'created_at' };

/** Trigram search needs three characters; shorter terms fall back to a scan. */
const MIN_TRIGRAM_TERM = 3;

export interface Reservation {
  id: string;
  folderId: string;
  requestedName: string;
  size: number;
  backend: StorageBackendKind;
  connectionId: string | null;
  now: number;
  /** The quota this upload counts against, or null when none applies (Drive and OneDrive never count). */
  quota: { bytes: number; scope: 'local' } | { bytes: number; scope: 'connection'; connectionId: string } | null;
}

/** SQL for documents, nothing else. Every multi-statement change is one transaction. */
export class DocumentRepository {
  constructor(private readonly db: Database) {}

  get(id: string): DocumentRow | undefined {
    return this.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
  }

  getReady(id: string): ListedDocumentRow | undefined {
    return this.db
      .prepare(
        "SELECT d.*, c.status AS connection_status FROM documents d LEFT JOIN connections c ON c.id = d.connection_id WHERE d.id = ? AND d.status = 'ready'",
      )
      .get(id) as ListedDocumentRow | undefined;
  }

  getManyReady(ids: readonly string[]): DocumentRow[] {
    const rows: DocumentRow[] = [];
    const stmt = this.db.prepare("SELECT * FROM documents WHERE id = ? AND status = 'ready'");
    for (const id of ids) {
      const row = stmt.get(id) as DocumentRow | undefined;
      if (row) rows.push(row);
    }
    return rows;
  }

  list(query: ListQuery): { rows: DocumentRow[]; total: number } {
    const { whereSql, params, orderBy } = this.listingSql(query);
    const page = `SELECT * FROM documents WHERE ${whereSql} ORDER BY ${orderBy('')} LIMIT @limit OFFSET @offset`;
    const rows = this.db
      .prepare(
        `SELECT p.*, c.status AS connection_status FROM (${page}) p LEFT JOIN connections c ON c.id = p.connection_id ORDER BY ${orderBy('p.')}`,
      )
      .all({ ...params, limit: query.limit, offset: query.offset }) as ListedDocumentRow[];
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM documents WHERE ${whereSql}`).get(params) as { n: number })
      .n;
    return { rows, total };
  }

  /** The ids of the same listing, in the same order: only the id column is read (an index-only scan where one fits). */
  listIds(query: ListQuery): string[] {
    const { whereSql, params, orderBy } = this.listingSql(query);
    return this.db
      .prepare(`SELECT id FROM documents WHERE ${whereSql} ORDER BY ${orderBy('')} LIMIT @limit OFFSET @offset`)
      .pluck()
      .all({ ...params, limit: query.limit, offset: query.offset }) as string[];
  }

  /** What `list` and `listIds` share: the filter and the order (with the table alias the caller needs). */
  private listingSql(query: ListQuery): { whereSql: string; params: Record<string, unknown>; orderBy: (alias: string) => string } {
    const where: string[] = ["status = 'ready'"];
    const params: Record<string, unknown> = {};
    if (query.folderId) {
      where.push('folder_id = @folderId');
      params.folderId = query.folderId;
    }
    const term = query.search?.normalize('NFC').trim();
    if (term) {
      if (Array.from(term).length >= MIN_TRIGRAM_TERM) {
        where.push('rowid IN (SELECT rowid FROM documents_name_fts WHERE documents_name_fts MATCH @match)');
        params.match = `"${term.replace(/"/g, '""')}"`;
      } else {
        where.push("instr(name_key, @needle) > 0");
        params.needle = nameKey(term);
      }
    }
    const column = SORT_COLUMNS[query.sortBy];
    const dir = query.sortDir === 'asc' ? 'ASC' : 'DESC';
    return { whereSql: where.join(' AND '), params, orderBy: (alias) => `${alias}${column} ${dir}, ${alias}id ${dir}` };
  }

  /** Finds a free name in the folder: "a.pdf", then "a (2).pdf", "a (3).pdf"… */
  private freeName(folderId: string, requested: string, exceptId = ''): string {
    const taken = this.db.prepare('SELECT 1 FROM documents WHERE folder_id = ? AND name_key = ? AND id <> ?');
    if (!taken.get(folderId, nameKey(requested), exceptId)) return requested;
    for (let n = 2; n < 10_000; n++) {
      const candidate = numberedName(requested, n);
      if (!taken.get(folderId, nameKey(candidate), exceptId)) return candidate;
    }
    throw new AppError('CONFLICT', 'This folder already holds too many documents with that name.');
  }

  nameTaken(folderId: string, name: string, exceptId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM documents WHERE folder_id = ? AND name_key = ? AND id <> ?')
        .get(folderId, nameKey(name), exceptId) !== undefined
    );
  }

  /** Bytes held by the local vault, counting uploads in flight (they hold a reservation). */
  localUsage(): { bytes: number; documents: number } {
    const row = this.db
      .prepare(
        "SELECT COALESCE(SUM(size), 0) AS bytes, COUNT(*) FILTER (WHERE status = 'ready') AS documents FROM documents WHERE storage_backend = 'local'",
      )
      .get() as { bytes: number; documents: number };
    return row;
  }

  /** Bytes held on one connection, counting uploads in flight. */
  connectionUsage(connectionId: string): number {
    return this.db.prepare('SELECT COALESCE(SUM(size), 0) FROM documents WHERE connection_id = ?').pluck().get(connectionId) as number;
  }

  /**
   * Inserts an `uploading` row that holds the document's name and, on the local
   * vault, its bytes against the quota. One transaction: parallel uploads can
   * never overshoot the quota or take the same name.
   */
  reserve(r: Reservation): DocumentRow {
    return this.db.transaction((): DocumentRow => {
      if (r.quota) {
        const used = r.quota.scope === 'local' ? this.localUsage().bytes : this.connectionUsage(r.quota.connectionId);
        if (used + r.size > r.quota.bytes) {
          const where = r.quota.scope === 'local' ? 'your vault' : 'this storage';
          throw new AppError(
            'QUOTA_EXCEEDED',
            `Not enough space left in ${where} for this file (${formatBytes(r.size)} needed, ${formatBytes(Math.max(0, r.quota.bytes - used))} free).`,
          );
        }
      }
      const name = this.freeName(r.folderId, r.requestedName);
      const row: DocumentRow = {
        id: r.id,
        folder_id: r.folderId,
        name,
        name_key: nameKey(name),
        content_type: 'application/octet-stream',
        size: r.size,
        sha256: null,
        storage_backend: r.backend,
        connection_id: r.connectionId,
        object_key: null,
        status: 'uploading',
        created_at: r.now,
        updated_at: r.now,
      };
      this.db
        .prepare(
          `INSERT INTO documents (id, folder_id, name, name_key, content_type, size, sha256, storage_backend, connection_id, object_key, status, created_at, updated_at)
           VALUES (@id, @folder_id, @name, @name_key, @content_type, @size, @sha256, @storage_backend, @connection_id, @object_key, @status, @created_at, @updated_at)`,
        )
        .run(row);
      return row;
    })();
  }

  /** The bytes are stored and verified: the row becomes visible. */
  markReady(id: string, fields: { objectKey: string; sha256: string; contentType: string; now: number }): DocumentRow {
    const info = this.db
      .prepare(
        "UPDATE documents SET status = 'ready', object_key = ?, sha256 = ?, content_type = ?, updated_at = ? WHERE id = ? AND status = 'uploading'",
      )
      .run(fields.objectKey, fields.sha256, fields.contentType, fields.now, id);
    if (info.changes !== 1) throw new AppError('CONFLICT', 'The upload was interrupted before it could be saved.');
    return this.get(id)!;
  }

  hasUploading(folderId: string): boolean {
    return this.db.prepare("SELECT 1 FROM documents WHERE folder_id = ? AND status = 'uploading'").get(folderId) !== undefined;
  }

  uploadingRows(): DocumentRow[] {
    return this.db.prepare("SELECT * FROM documents WHERE status = 'uploading'").all() as DocumentRow[];
  }

  deleteRow(id: string): void {
    this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
  }

  rename(id: string, name: string, now: number): void {
    this.db.prepare('UPDATE documents SET name = ?, name_key = ?, updated_at = ? WHERE id = ?').run(name, nameKey(name), now, id);
  }

  /** Moves a document, renaming it " (2)" if the target folder has that name already. */
  moveTo(id: string, folderId: string, objectKey: string | null, now: number): DocumentRow {
    return this.db.transaction((): DocumentRow => {
      const row = this.get(id)!;
      const name = this.freeName(folderId, row.name, id);
      this.db
        .prepare(
          'UPDATE documents SET folder_id = ?, name = ?, name_key = ?, object_key = COALESCE(?, object_key), updated_at = ? WHERE id = ?',
        )
        .run(folderId, name, nameKey(name), objectKey, now, id);
      return this.get(id)!;
    })();
  }

  /** Re-homes a document on another backend, checking the target's quota in the same transaction. */
  moveAcross(
    id: string,
    to: {
      folderId: string;
      backend: StorageBackendKind;
      connectionId: string | null;
      objectKey: string;
      now: number;
      quota: Reservation['quota'];
    },
  ): DocumentRow {
    return this.db.transaction((): DocumentRow => {
      const row = this.get(id)!;
      if (to.quota) {
        const used = to.quota.scope === 'local' ? this.localUsage().bytes : this.connectionUsage(to.quota.connectionId);
        if (used + row.size > to.quota.bytes) {
          throw new AppError('QUOTA_EXCEEDED', `Not enough space left there for “${row.name}” (${formatBytes(row.size)}).`);
        }
      }
      const name = this.freeName(to.folderId, row.name, id);
      this.db
        .prepare(
          'UPDATE documents SET folder_id = ?, storage_backend = ?, connection_id = ?, object_key = ?, name = ?, name_key = ?, updated_at = ? WHERE id = ?',
        )
        .run(to.folderId, to.backend, to.connectionId, to.objectKey, name, nameKey(name), to.now, id);
      return this.get(id)!;
    })();
  }

  setObjectKey(id: string, objectKey: string, now: number): void {
    this.db.prepare('UPDATE documents SET object_key = ?, updated_at = ? WHERE id = ?').run(objectKey, now, id);
  }

  readyIdsInFolder(folderId: string): string[] {
    return (
      this.db.prepare("SELECT id FROM documents WHERE folder_id = ? AND status = 'ready'").all(folderId) as Array<{
        id: string;
      }>
    ).map((r) => r.id);
  }
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
