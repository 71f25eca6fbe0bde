import type { Migration } from './migration';

/**
 * Listing at 100,000 documents. Without statistics SQLite guessed that
 * `status = ?` was selective and used `documents_status`, then sorted every row;
 * dropping it lets the partial "ready" indexes give the order directly. The
 * created-order indexes also carry `name_key`, so a short search (no trigram
 * index below three characters) filters names from the index, not the table.
 */
export const migration004ListingIndexes: Migration = {
  version: 4,
  name: 'listing indexes',
  up(db) {
    db.exec(`
      DROP INDEX documents_status;
      CREATE INDEX documents_uploading ON documents (folder_id) WHERE status = 'uploading';

      DROP INDEX documents_ready_created;
      CREATE INDEX documents_ready_created ON documents (created_at, id, name_key) WHERE status = 'ready';
      DROP INDEX documents_ready_folder_created;
      CREATE INDEX documents_ready_folder_created ON documents (folder_id, created_at, id, name_key) WHERE status = 'ready';
    `);
  },
};
