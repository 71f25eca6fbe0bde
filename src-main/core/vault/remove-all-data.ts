import { rm } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import type { ConnectionService } from '../connections/connection-service';
import type { UploadManager } from '../documents/upload-manager';
import type { FolderService } from '../folders/folder-service';
import type { LocalBackend } from '../storage/local-backend';
import type { EventBus } from '../util/event-bus';

export interface RemoveAllDataDeps {
  readonly db: Database;
  readonly uploads: UploadManager;
  readonly connections: ConnectionService;
  readonly folders: FolderService;
  readonly local: LocalBackend;
  readonly vaultDir: string;
  readonly events: EventBus;
}

/**
 * Settings → "Remove all DocuVault data": every connection's credentials, the
 * local vault's bytes and everything in the database. Documents on servers are
 * deleted first only when the person asked; a server that cannot be reached is
 * reported and its documents are left where they are.
 */
export async function removeAllData(
  deps: RemoveAllDataDeps,
  deleteFromServers: boolean,
): Promise<{ deletedFromServers: number; failedConnections: string[] }> {
  deps.uploads.cancelAll();
  await deps.uploads.idle();
  let deletedFromServers = 0;
  const failedConnections: string[] = [];
  for (const connection of deps.connections.list()) {
    if (deleteFromServers && (connection.status === 'ACTIVE' || connection.status === 'ERROR')) {
      try {
        deletedFromServers += (await deps.connections.disconnect(connection.id, 'delete-from-server')).deletedDocuments;
        continue;
      } catch {
        failedConnections.push(connection.label);
      }
    }
    await deps.connections.disconnect(connection.id, 'forget');
  }
  deps.db.transaction(() => {
    // Deleting every folder at once: let the foreign keys be checked at commit, when none dangle.
    deps.db.pragma('defer_foreign_keys = ON');
    deps.db.exec('DELETE FROM documents; DELETE FROM folders; DELETE FROM settings; DELETE FROM connections;');
  })();
  await rm(deps.vaultDir, { recursive: true, force: true });
  await deps.local.init();
  // Freed pages would otherwise keep old names and settings readable in the file.
  deps.db.exec('VACUUM');
  deps.db.pragma('wal_checkpoint(TRUNCATE)');
  deps.folders.ensureDefault();
  deps.events.emit('connections:changed', {});
  deps.events.emit('folders:changed', {});
  deps.events.emit('documents:changed', { folderIds: [] });
  return { deletedFromServers, failedConnections };
}
