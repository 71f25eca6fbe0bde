import type { Migration } from './migration';

/**
 * Cloud and self-hosted connections. Folders and documents already carry a
 * connection_id; triggers keep it pointing at a real connection (SQLite cannot
 * add a foreign key to an existing column without rebuilding both tables).
 */
export const migration003Connections: Migration = {
  version: 3,
  name: 'connections',
  up(db) {
    db.exec(`
      CREATE TABLE connections (
        id            TEXT PRIMARY KEY,
        provider      TEXT NOT NULL CHECK (provider IN ('s3','webdav','nextcloud','google_drive','onedrive')),
        label         TEXT NOT NULL,
        account       TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('ACTIVE','REQUIRES_REAUTH','ERROR','DISCONNECTED')),
        last_error    TEXT,
        settings_json TEXT NOT NULL DEFAULT '{}',
        credentials   BLOB,
        cipher        TEXT,
        quota_bytes   INTEGER CHECK (quota_bytes IS NULL OR quota_bytes > 0),
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        CHECK ((credentials IS NULL) = (cipher IS NULL))
      );

      CREATE INDEX folders_connection ON folders (connection_id) WHERE connection_id IS NOT NULL;
      CREATE INDEX documents_connection ON documents (connection_id, status, size) WHERE connection_id IS NOT NULL;

      CREATE TRIGGER folders_connection_exists BEFORE INSERT ON folders
      WHEN (NEW.storage_backend = 'local') <> (NEW.connection_id IS NULL)
        OR (NEW.connection_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM connections WHERE id = NEW.connection_id))
      BEGIN
        SELECT RAISE(ABORT, 'folder connection is missing or does not match its backend');
      END;

      CREATE TRIGGER documents_connection_exists BEFORE INSERT ON documents
      WHEN (NEW.storage_backend = 'local') <> (NEW.connection_id IS NULL)
        OR (NEW.connection_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM connections WHERE id = NEW.connection_id))
      BEGIN
        SELECT RAISE(ABORT, 'document connection is missing or does not match its backend');
      END;

      CREATE TRIGGER connections_in_use BEFORE DELETE ON connections
      WHEN EXISTS (SELECT 1 FROM folders WHERE connection_id = OLD.id)
        OR EXISTS (SELECT 1 FROM documents WHERE connection_id = OLD.id)
      BEGIN
        SELECT RAISE(ABORT, 'connection still has folders or documents');
      END;
    `);
  },
};
