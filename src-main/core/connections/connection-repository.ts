import type { Database } from 'better-sqlite3';
import type { ConnectionDto, ConnectionProvider, ConnectionStatus } from '../../../src-shared/domain';

export interface ConnectionRow {
  id: string;
  provider: ConnectionProvider;
  label: string;
  account: string;
  status: ConnectionStatus;
  last_error: string | null;
  settings_json: string;
  credentials: Buffer | null;
  cipher: string | null;
  quota_bytes: number | null;
  created_at: number;
  updated_at: number;
}

export type PublicSettings = Readonly<Record<string, string | number | boolean | null>>;

export function connectionToDto(
  row: ConnectionRow,
  counts: { folders: number; documents: number },
  publicSettings: PublicSettings,
): ConnectionDto {
  return {
    id: row.id,
    provider: row.provider,
    label: row.label,
    account: row.account,
    status: row.status,
    lastError: row.last_error,
    settings: publicSettings,
    quotaBytes: row.quota_bytes,
    folderCount: counts.folders,
    documentCount: counts.documents,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** SQL for connections, nothing else. Credentials stay ciphertext here. */
export class ConnectionRepository {
  constructor(private readonly db: Database) {}

  get(id: string): ConnectionRow | undefined {
    return this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as ConnectionRow | undefined;
  }

  list(): ConnectionRow[] {
    return this.db.prepare('SELECT * FROM connections ORDER BY created_at, id').all() as ConnectionRow[];
  }

  counts(id: string): { folders: number; documents: number } {
    return this.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM folders WHERE connection_id = @id) AS folders,
                (SELECT COUNT(*) FROM documents WHERE connection_id = @id AND status = 'ready') AS documents`,
      )
      .get({ id }) as { folders: number; documents: number };
  }

  insert(row: ConnectionRow): void {
    this.db
      .prepare(
        `INSERT INTO connections (id, provider, label, account, status, last_error, settings_json, credentials, cipher, quota_bytes, created_at, updated_at)
         VALUES (@id, @provider, @label, @account, @status, @last_error, @settings_json, @credentials, @cipher, @quota_bytes, @created_at, @updated_at)`,
      )
      .run(row);
  }

  setStatus(id: string, status: ConnectionStatus, lastError: string | null, now: number): void {
    this.db.prepare('UPDATE connections SET status = ?, last_error = ?, updated_at = ? WHERE id = ?').run(status, lastError, now, id);
  }

  setCredentials(id: string, credentials: Buffer | null, cipher: string | null, now: number): void {
    this.db
      .prepare('UPDATE connections SET credentials = ?, cipher = ?, updated_at = ? WHERE id = ?')
      .run(credentials, cipher, now, id);
  }

  setSettings(id: string, settingsJson: string, account: string, now: number): void {
    this.db.prepare('UPDATE connections SET settings_json = ?, account = ?, updated_at = ? WHERE id = ?').run(settingsJson, account, now, id);
  }

  rename(id: string, label: string, now: number): void {
    this.db.prepare('UPDATE connections SET label = ?, updated_at = ? WHERE id = ?').run(label, now, id);
  }

  setQuota(id: string, quota: number | null, now: number): void {
    this.db.prepare('UPDATE connections SET quota_bytes = ?, updated_at = ? WHERE id = ?').run(quota, now, id);
  }

  /** Removes the connection and everything DocuVault knows about its folders and documents (not the server's bytes). */
  deleteWithContents(id: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM documents WHERE connection_id = ?').run(id);
      // Children before parents: deepest folders first.
      const folders = this.db.prepare('SELECT id, parent_id FROM folders WHERE connection_id = ?').all(id) as Array<{
        id: string;
        parent_id: string | null;
      }>;
      const remaining = new Set(folders.map((f) => f.id));
      while (remaining.size) {
        for (const folder of folders) {
          if (!remaining.has(folder.id)) continue;
          const hasChild = folders.some((f) => f.parent_id === folder.id && remaining.has(f.id));
          if (hasChild) continue;
          this.db.prepare('DELETE FROM folders WHERE id = ?').run(folder.id);
          remaining.delete(folder.id);
        }
      }
      this.db.prepare('DELETE FROM connections WHERE id = ?').run(id);
    })();
  }

  readyDocuments(id: string): Array<{ id: string; object_key: string }> {
    return this.db
      .prepare("SELECT id, object_key FROM documents WHERE connection_id = ? AND status = 'ready'")
      .all(id) as Array<{ id: string; object_key: string }>;
  }

  hasUploading(id: string): boolean {
    return this.db.prepare("SELECT 1 FROM documents WHERE connection_id = ? AND status = 'uploading'").get(id) !== undefined;
  }
}
