import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from './db/open-database';
import { DocumentRepository } from './documents/document-repository';
import { DocumentService } from './documents/document-service';
import { recoverInterruptedUploads, type RecoveryReport } from './documents/recovery';
import { UploadManager } from './documents/upload-manager';
import { FolderRepository } from './folders/folder-repository';
import { FolderService } from './folders/folder-service';
import { silentLogger, systemClock, type Clock, type Logger } from './ports';
import { BackendRegistry } from './storage/backend-registry';
import { LocalBackend } from './storage/local-backend';
import type { StorageBackend } from './storage/storage-backend';
import { EventBus } from './util/event-bus';
import { VaultSettings } from './vault/vault-settings';

export interface VaultCoreOptions {
  /** The app's data directory: the database and the local vault live here. */
  readonly dataDir: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly uploadConcurrency?: number;
  readonly progressIntervalMs?: number;
  /** Wraps the local backend, e.g. to inject faults (a full disk) in tests. */
  readonly decorateLocalBackend?: (backend: LocalBackend) => StorageBackend;
}

export interface VaultCore {
  readonly db: Database;
  readonly events: EventBus;
  readonly registry: BackendRegistry;
  readonly local: LocalBackend;
  readonly folders: FolderService;
  readonly documents: DocumentService;
  readonly uploads: UploadManager;
  readonly recovery: RecoveryReport;
  readonly paths: { readonly database: string; readonly vault: string };
  close(): Promise<void>;
}

/** Composes the platform-neutral core. Electron and the browser preview both start here. */
export async function createVaultCore(options: VaultCoreOptions): Promise<VaultCore> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const paths = { database: join(options.dataDir, 'docuvault.sqlite'), vault: join(options.dataDir, 'vault') };
  const db = openDatabase(paths.database);
  try {
    const local = new LocalBackend(paths.vault);
    await local.init();
    const registry = new BackendRegistry(options.decorateLocalBackend ? options.decorateLocalBackend(local) : local);
    const events = new EventBus();
    const documentRepo = new DocumentRepository(db);
    const folderRepo = new FolderRepository(db);
    const settings = new VaultSettings(db);
    const documents = new DocumentService({ documents: documentRepo, folders: folderRepo, registry, settings, events, clock, logger });
    const uploads = new UploadManager({
      documents: documentRepo,
      folders: folderRepo,
      registry,
      settings,
      events,
      clock,
      logger,
      ...(options.uploadConcurrency ? { concurrency: options.uploadConcurrency } : {}),
      ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
    });
    const folders = new FolderService({
      folders: folderRepo,
      documents,
      listDocumentIds: (id) => documentRepo.readyIdsInFolder(id),
      hasUploadsIn: (id) => documentRepo.hasUploading(id),
      events,
      clock,
    });
    const recovery = await recoverInterruptedUploads({ documents: documentRepo, registry, local, logger });
    folders.ensureDefault();
    return {
      db,
      events,
      registry,
      local,
      folders,
      documents,
      uploads,
      recovery,
      paths,
      async close() {
        uploads.cancelAll();
        await uploads.idle();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
