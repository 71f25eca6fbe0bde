import type { Database } from 'better-sqlite3';

const QUOTA_KEY = 'local_quota_bytes';

/** Vault-wide settings kept with the data they govern (preferences go elsewhere). */
export class VaultSettings {
  constructor(private readonly db: Database) {}

  /** The local vault's byte quota, or null for unlimited. */
  quotaBytes(): number | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(QUOTA_KEY) as { value: string } | undefined;
    if (!row) return null;
    const value = Number(row.value);
    return Number.isSafeInteger(value) && value > 0 ? value : null;
  }

  get(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  set(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  setQuotaBytes(quota: number | null): void {
    if (quota === null) this.db.prepare('DELETE FROM settings WHERE key = ?').run(QUOTA_KEY);
    else
      this.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
        .run(QUOTA_KEY, String(quota));
  }
}
