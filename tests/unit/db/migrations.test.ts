import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, openDatabase, schemaVersion } from '../../../src-main/core/db/open-database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src-main/core/db/migrations';
import { makeTempDir } from '../../support/temp-dir';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

const file = () => join(dir.path, 'docuvault.sqlite');
const NOW = Date.UTC(2026, 0, 1);

describe('database', () => {
  it('opens with WAL, foreign keys and every migration applied', () => {
    const db = openDatabase(file());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    db.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const raw = new BetterSqlite3(file());
    raw.exec('CREATE TABLE future_table (x)');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(file())).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file())).toThrow(/newer version of DocuVault/);
    const after = new BetterSqlite3(file());
    expect(after.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 5);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'documents'").get()).toBeUndefined();
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    after.close();
  });

  it('is idempotent: reopening applies nothing twice', () => {
    openDatabase(file()).close();
    const db = openDatabase(file());
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });
});

describe('migration 1: initial schema', () => {
  it('creates folders, documents and settings from an empty file', () => {
    const db = openDatabase(file(), { targetVersion: 1 });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['documents', 'folders', 'settings']));
    db.prepare(
      "INSERT INTO folders VALUES ('f1', NULL, 'My Vault', 'my vault', 'local', NULL, 1, ?, ?)",
    ).run(NOW, NOW);
    // A ready row without its bytes cannot exist.
    expect(() =>
      db
        .prepare(
          "INSERT INTO documents VALUES ('d1', 'f1', 'a', 'a', 'text/plain', 1, NULL, 'local', NULL, NULL, 'ready', ?, ?)",
        )
        .run(NOW, NOW),
    ).toThrow(/CHECK/);
    // Documents need an existing folder.
    expect(() =>
      db
        .prepare(
          "INSERT INTO documents VALUES ('d2', 'nope', 'a', 'a', 'text/plain', 1, 'abc', 'local', NULL, 'k', 'ready', ?, ?)",
        )
        .run(NOW, NOW),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('migration 2: name search index', () => {
  it('upgrades a version-1 database with documents in it and indexes their names', () => {
    const v1 = openDatabase(file(), { targetVersion: 1 });
    v1.prepare("INSERT INTO folders VALUES ('f1', NULL, 'My Vault', 'my vault', 'local', NULL, 1, ?, ?)").run(NOW, NOW);
    const insert = v1.prepare(
      "INSERT INTO documents VALUES (?, 'f1', ?, lower(?), 'application/pdf', 10, 'aa', 'local', NULL, ?, 'ready', ?, ?)",
    );
    insert.run('d1', 'Invoice March.pdf', 'Invoice March.pdf', 'k1', NOW, NOW);
    insert.run('d2', 'Tax return 2024.pdf', 'Tax return 2024.pdf', 'k2', NOW, NOW);
    expect(schemaVersion(v1)).toBe(1);
    v1.close();

    const v2 = openDatabase(file(), { targetVersion: 2 });
    expect(schemaVersion(v2)).toBe(2);
    const search = (term: string) =>
      v2
        .prepare(
          'SELECT d.id FROM documents d WHERE d.rowid IN (SELECT rowid FROM documents_name_fts WHERE documents_name_fts MATCH ?) ORDER BY d.id',
        )
        .pluck()
        .all(`"${term}"`);
    expect(search('voice')).toEqual(['d1']);
    expect(search('RETURN 20')).toEqual(['d2']);
    // The triggers keep the index in step with renames and deletes.
    v2.prepare("UPDATE documents SET name = 'Receipt.pdf' WHERE id = 'd1'").run();
    expect(search('voice')).toEqual([]);
    expect(search('receipt')).toEqual(['d1']);
    v2.prepare("DELETE FROM documents WHERE id = 'd2'").run();
    expect(search('return')).toEqual([]);
    v2.close();
  });
});

describe('migration 3: connections', () => {
  it('upgrades a version-2 database with folders and documents in it, and guards connection ids', () => {
    const v2 = openDatabase(file(), { targetVersion: 2 });
    v2.prepare("INSERT INTO folders VALUES ('f1', NULL, 'My Vault', 'my vault', 'local', NULL, 1, ?, ?)").run(NOW, NOW);
    v2.prepare(
      "INSERT INTO documents VALUES ('d1', 'f1', 'a.pdf', 'a.pdf', 'application/pdf', 3, 'aa', 'local', NULL, 'k1', 'ready', ?, ?)",
    ).run(NOW, NOW);
    v2.close();

    const v3 = openDatabase(file(), { targetVersion: 3 });
    expect(schemaVersion(v3)).toBe(3);
    expect(v3.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(1);
    const insertConnection = v3.prepare(
      "INSERT INTO connections (id, provider, label, account, status, settings_json, created_at, updated_at) VALUES ('c1', 'webdav', 'NAS', 'alice', 'ACTIVE', '{}', ?, ?)",
    );
    insertConnection.run(NOW, NOW);
    // A folder on a connection must name an existing one, and only cloud backends have one.
    expect(() => v3.prepare("INSERT INTO folders VALUES ('f2', NULL, 'x', 'x', 'webdav', 'nope', 0, ?, ?)").run(NOW, NOW)).toThrow(
      /connection/,
    );
    expect(() => v3.prepare("INSERT INTO folders VALUES ('f3', NULL, 'y', 'y', 'local', 'c1', 0, ?, ?)").run(NOW, NOW)).toThrow(/connection/);
    v3.prepare("INSERT INTO folders VALUES ('f4', NULL, 'NAS docs', 'nas docs', 'webdav', 'c1', 0, ?, ?)").run(NOW, NOW);
    // A connection still holding folders cannot vanish from under them.
    expect(() => v3.prepare("DELETE FROM connections WHERE id = 'c1'").run()).toThrow(/still has folders/);
    // Credentials and their cipher go together.
    expect(() =>
      v3.prepare("UPDATE connections SET credentials = x'00' WHERE id = 'c1'").run(),
    ).toThrow(/CHECK/);
    v3.close();
  });
});

describe('migration 4: listing indexes', () => {
  it('upgrades a version-3 database with documents in it, and lists without sorting the whole table', () => {
    const v3 = openDatabase(file(), { targetVersion: 3 });
    v3.prepare("INSERT INTO folders VALUES ('f1', NULL, 'My Vault', 'my vault', 'local', NULL, 1, ?, ?)").run(NOW, NOW);
    const insert = v3.prepare(
      "INSERT INTO documents VALUES (?, 'f1', ?, ?, 'text/plain', 1, 'aa', 'local', NULL, ?, 'ready', ?, ?)",
    );
    for (let i = 0; i < 50; i++) insert.run(`d${i}`, `Doc ${i}.txt`, `doc ${i}.txt`, `k${i}`, NOW + i, NOW + i);
    v3.close();

    const v4 = openDatabase(file(), { targetVersion: 4 });
    expect(schemaVersion(v4)).toBe(4);
    expect(v4.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(50);
    const plan = (sql: string) =>
      (v4.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    const newestFirst = plan("SELECT * FROM documents WHERE status = 'ready' ORDER BY created_at DESC, id DESC LIMIT 200");
    expect(newestFirst).toContain('documents_ready_created');
    expect(newestFirst).not.toContain('TEMP B-TREE');
    const shortSearch = plan(
      "SELECT * FROM documents WHERE status = 'ready' AND instr(name_key, 'q3') > 0 ORDER BY created_at DESC, id DESC LIMIT 200",
    );
    expect(shortSearch).not.toContain('TEMP B-TREE');
    expect(plan("SELECT 1 FROM documents WHERE folder_id = 'f1' AND status = 'uploading'")).toContain('documents_uploading');
    v4.close();
  });
});
