import type { Migration } from './migration';

/**
 * Substring search over document names that stays fast at 100,000+ rows:
 * an FTS5 trigram index kept in step with `documents` by triggers.
 */
export const migration002NameSearch: Migration = {
  version: 2,
  name: 'document name search index',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE documents_name_fts USING fts5(
        name, content = 'documents', content_rowid = 'rowid', tokenize = 'trigram remove_diacritics 1'
      );
      INSERT INTO documents_name_fts (rowid, name) SELECT rowid, name FROM documents;

      CREATE TRIGGER documents_name_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_name_fts (rowid, name) VALUES (new.rowid, new.name);
      END;
      CREATE TRIGGER documents_name_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_name_fts (documents_name_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
      END;
      CREATE TRIGGER documents_name_fts_rename AFTER UPDATE OF name ON documents BEGIN
        INSERT INTO documents_name_fts (documents_name_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
        INSERT INTO documents_name_fts (rowid, name) VALUES (new.rowid, new.name);
      END;
    `);
  },
};
