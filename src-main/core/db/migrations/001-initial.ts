import type { Migration } from './migration';

const BACKENDS = "('local','s3','google_drive','onedrive','nextcloud','webdav')";

/** Folders, documents and vault settings. Timestamps are milliseconds since the epoch. */
export const migration001Initial: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE folders (
        id              TEXT PRIMARY KEY,
        parent_id       TEXT REFERENCES folders(id) ON DELETE RESTRICT,
        name            TEXT NOT NULL,
        name_key        TEXT NOT NULL,
        storage_backend TEXT NOT NULL CHECK (storage_backend IN ${BACKENDS}),
        connection_id   TEXT,
        is_default      INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX folders_sibling_name ON folders (COALESCE(parent_id, ''), name_key);
      CREATE UNIQUE INDEX folders_one_default ON folders (is_default) WHERE is_default = 1;
      CREATE INDEX folders_parent ON folders (parent_id);

      CREATE TABLE documents (
        id              TEXT PRIMARY KEY,
        folder_id       TEXT NOT NULL REFERENCES folders(id) ON DELETE RESTRICT,
        name            TEXT NOT NULL,
        name_key        TEXT NOT NULL,
        content_type    TEXT NOT NULL,
        size            INTEGER NOT NULL CHECK (size >= 0),
        sha256          TEXT,
        storage_backend TEXT NOT NULL CHECK (storage_backend IN ${BACKENDS}),
        connection_id   TEXT,
        object_key      TEXT,
        status          TEXT NOT NULL CHECK (status IN ('uploading', 'ready')),
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        CHECK (status <> 'ready' OR (sha256 IS NOT NULL AND object_key IS NOT NULL))
      );
      CREATE UNIQUE INDEX documents_folder_name ON documents (folder_id, name_key);
      CREATE INDEX documents_status ON documents (status);
      CREATE INDEX documents_ready_folder_created ON documents (folder_id, created_at, id) WHERE status = 'ready';
      CREATE INDEX documents_ready_folder_name ON documents (folder_id, name_key, id) WHERE status = 'ready';
      CREATE INDEX documents_ready_folder_size ON documents (folder_id, size, id) WHERE status = 'ready';
      CREATE INDEX documents_ready_created ON documents (created_at, id) WHERE status = 'ready';
      CREATE INDEX documents_ready_name ON documents (name_key, id) WHERE status = 'ready';
      CREATE INDEX documents_ready_size ON documents (size, id) WHERE status = 'ready';
      CREATE INDEX documents_backend_usage ON documents (storage_backend, status, size);

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
