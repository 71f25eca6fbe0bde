import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from './db/open-database';
import { DocumentRepository } from './documents/document-repository';
import { DocumentService } from './documents/document-service';
import { recoverInterruptedUploads, type RecoveryReport } from './documents/recovery';
import { OfferedFiles } from './documents/offered-files';
import { UploadManager } from './documents/upload-manager';
import { FolderRepository } from './folders/folder-repository';
import { FolderService } from './folders/folder-service';
import { silentLogger, systemClock, type BrowserLauncher, type Clock, type Logger, type SecretCipher } from './ports';
import { BrowserSignIn } from './connections/browser-sign-in';
import { NextcloudSignIn } from './connections/nextcloud-sign-in';
import { AppKeyCipher } from './credentials/app-key-cipher';
import { CredentialVault } from './credentials/credential-vault';
import { ConnectionRepository } from './connections/connection-repository';
import { ConnectionService } from './connections/connection-service';
import { connectionBackendKind, defaultProviders } from './connections/default-providers';
import type { NetworkContext, ProviderAdapter } from './connections/provider-adapter';
import { AppError } from './errors';
import { REAUTH_MESSAGE } from './storage/backend-errors';
import { BackendRegistry } from './storage/backend-registry';
import { LocalBackend } from './storage/local-backend';
import type { StorageBackend } from './storage/storage-backend';
import { EventBus } from './util/event-bus';
import { removeAllData } from './vault/remove-all-data';
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
  /** Encrypts credentials. Electron passes safeStorage; elsewhere an app-key cipher is used. */
  readonly secretCipher?: SecretCipher;
  /** The providers people can connect (default: every provider this build supports). */
  readonly providers?: readonly ProviderAdapter[];
  /** Refuse private and loopback servers, as a server-side deployment would. */
  readonly strictUrlPolicy?: boolean;
  /** How often Nextcloud Login Flow v2 polls (tests poll fast). */
  readonly nextcloudLoginPollMs?: number;
  /** A resolver and extra trusted CAs (tests: names mapped to loopback, a CA made at test time). */
  readonly network?: Omit<NetworkContext, 'strictUrlPolicy'>;
  /** Opens the system browser for sign-in; null where there is none. */
  readonly browser?: BrowserLauncher | null;
  /** The app's registered deep link for a provider's sign-in, or null to use a loopback redirect. */
  readonly deepLinkRedirect?: (provider: 'google_drive' | 'onedrive') => string | null;
}

export interface VaultCore {
  readonly db: Database;
  readonly events: EventBus;
  readonly registry: BackendRegistry;
  readonly local: LocalBackend;
  readonly folders: FolderService;
  readonly documents: DocumentService;
  readonly uploads: UploadManager;
  readonly connections: ConnectionService;
  readonly signIn: BrowserSignIn;
  readonly nextcloudSignIn: NextcloudSignIn;
  readonly offeredFiles: OfferedFiles;
  readonly recovery: RecoveryReport;
  readonly paths: { readonly database: string; readonly vault: string };
  /** Settings → "Remove all DocuVault data". */
  removeAllData(deleteFromServers: boolean): Promise<{ deletedFromServers: number; failedConnections: string[] }>;
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
    const connectionRepo = new ConnectionRepository(db);
    const events = new EventBus();
    const documentRepo = new DocumentRepository(db);
    const folderRepo = new FolderRepository(db);
    const settings = new VaultSettings(db);
    const documents = new DocumentService({
      documents: documentRepo,
      folders: folderRepo,
      registry,
      settings,
      events,
      clock,
      logger,
      connectionQuota: (id) => connectionRepo.get(id)?.quota_bytes ?? null,
    });
    const cipher = options.secretCipher ?? (await AppKeyCipher.open(join(options.dataDir, 'credentials.key')));
    const connections = new ConnectionService({
      db,
      connections: connectionRepo,
      credentials: new CredentialVault(cipher),
      settings,
      adapters: options.providers ?? defaultProviders(),
      events,
      clock,
      logger,
      net: { strictUrlPolicy: options.strictUrlPolicy ?? false, ...options.network },
    });
    registry.setConnectionResolver((connectionId) => connections.backendFor(connectionId));
    const nextcloudSignIn = new NextcloudSignIn({
      connections,
      browser: options.browser ?? null,
      events,
      logger,
      net: { strictUrlPolicy: options.strictUrlPolicy ?? false, ...options.network },
      ...(options.nextcloudLoginPollMs ? { pollIntervalMs: options.nextcloudLoginPollMs } : {}),
    });
    const signIn = new BrowserSignIn({
      connections,
      browser: options.browser ?? null,
      events,
      clock,
      logger,
      deepLinkRedirect: options.deepLinkRedirect ?? (() => null),
    });
    const uploads = new UploadManager({
      connectionQuota: (id) => connectionRepo.get(id)?.quota_bytes ?? null,
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
      requireUsableConnection: (id) => {
        const connection = connections.get(id);
        if (connection.status === 'REQUIRES_REAUTH' || connection.status === 'DISCONNECTED') {
          throw new AppError('REAUTH_REQUIRED', REAUTH_MESSAGE);
        }
        return { backend: connectionBackendKind(connection.provider) };
      },
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
      connections,
      signIn,
      nextcloudSignIn,
      offeredFiles: new OfferedFiles({ uploads, events, clock }),
      recovery,
      paths,
      removeAllData: (deleteFromServers) =>
        removeAllData({ db, uploads, connections, folders, local, vaultDir: paths.vault, events }, deleteFromServers),
      async close() {
        nextcloudSignIn.cancelAll();
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
