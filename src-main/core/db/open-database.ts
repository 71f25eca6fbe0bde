import BetterSqlite3, { type Database } from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';

/** Raised when the file was written by a newer DocuVault; we refuse rather than corrupt it. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `This DocuVault library was saved by a newer version of DocuVault (schema ${fileVersion}; this version understands up to ${appVersion}). Update DocuVault to open it.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the migrations the file has not seen yet, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, target = migrations.length): void {
  const current = schemaVersion(db);
  if (current > migrations.length) throw new DatabaseTooNewError(current, migrations.length);
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

export interface OpenDatabaseOptions {
  /** Stop at this schema version (migration tests). */
  readonly targetVersion?: number;
}

/** Opens (creating if needed) the metadata database: WAL, foreign keys, migrations applied. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  const db = new BetterSqlite3(file);
  try {
    // Check before changing anything: a newer app's file is left exactly as it was.
    const version = schemaVersion(db);
    if (version > MIGRATIONS.length) throw new DatabaseTooNewError(version, MIGRATIONS.length);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // FULL: a row the person saw as "ready" must survive a power cut, not only an app crash.
    db.pragma('synchronous = FULL');
    migrate(db, MIGRATIONS, options.targetVersion ?? MIGRATIONS.length);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
