import type { Database } from 'better-sqlite3';
import type { ConnectionStatus, FolderDto, StorageBackendKind } from '../../../src-shared/domain';

export interface FolderRow {
  id: string;
  parent_id: string | null;
  name: string;
  name_key: string;
  storage_backend: StorageBackendKind;
  connection_id: string | null;
  is_default: 0 | 1;
  created_at: number;
  updated_at: number;
}

export function folderToDto(row: FolderRow & { connection_status?: ConnectionStatus | null }, documentCount: number): FolderDto {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    backend: row.storage_backend,
    connectionId: row.connection_id,
    connectionStatus: row.connection_status ?? null,
    isDefault: row.is_default === 1,
    documentCount,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** SQL for folders, nothing else. */
export class FolderRepository {
  constructor(private readonly db: Database) {}

  get(id: string): (FolderRow & { connection_status: ConnectionStatus | null }) | undefined {
    return this.db
      .prepare('SELECT f.*, c.status AS connection_status FROM folders f LEFT JOIN connections c ON c.id = f.connection_id WHERE f.id = ?')
      .get(id) as (FolderRow & { connection_status: ConnectionStatus | null }) | undefined;
  }

  getDefault(): FolderRow | undefined {
    return this.db.prepare('SELECT * FROM folders WHERE is_default = 1').get() as FolderRow | undefined;
  }

  listWithCounts(): Array<FolderRow & { document_count: number; connection_status: ConnectionStatus | null }> {
    return this.db
      .prepare(
        `SELECT f.*, c.status AS connection_status,
                (SELECT COUNT(*) FROM documents d WHERE d.folder_id = f.id AND d.status = 'ready') AS document_count
         FROM folders f LEFT JOIN connections c ON c.id = f.connection_id
         ORDER BY f.is_default DESC, f.name_key, f.id`,
      )
      .all() as Array<FolderRow & { document_count: number; connection_status: ConnectionStatus | null }>;
  }

  countDocuments(id: string): number {
    return (
      this.db.prepare("SELECT COUNT(*) AS n FROM documents WHERE folder_id = ? AND status = 'ready'").get(id) as {
        n: number;
      }
    ).n;
  }

  children(id: string): FolderRow[] {
    return this.db.prepare('SELECT * FROM folders WHERE parent_id = ?').all(id) as FolderRow[];
  }

  nameTaken(parentId: string | null, key: string, exceptId?: string): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM folders WHERE COALESCE(parent_id, '') = COALESCE(?, '') AND name_key = ? AND id <> ?")
        .get(parentId, key, exceptId ?? '') !== undefined
    );
  }

  insert(row: FolderRow): void {
    this.db
      .prepare(
        `INSERT INTO folders (id, parent_id, name, name_key, storage_backend, connection_id, is_default, created_at, updated_at)
         VALUES (@id, @parent_id, @name, @name_key, @storage_backend, @connection_id, @is_default, @created_at, @updated_at)`,
      )
      .run(row);
  }

  rename(id: string, name: string, key: string, now: number): void {
    this.db.prepare('UPDATE folders SET name = ?, name_key = ?, updated_at = ? WHERE id = ?').run(name, key, now, id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM folders WHERE id = ?').run(id);
  }

  /** Display names from the outermost folder down to this one. */
  path(id: string): string[] {
    const names: string[] = [];
    let current = this.get(id);
    for (let depth = 0; current && depth < 64; depth++) {
      names.unshift(current.name);
      current = current.parent_id ? this.get(current.parent_id) : undefined;
    }
    return names;
  }
}
