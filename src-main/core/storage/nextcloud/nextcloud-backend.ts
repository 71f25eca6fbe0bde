import { AppError } from '../../errors';
import type { ByteSource } from '../sources/byte-source';
import { AuthLatch } from '../webdav/auth-latch';
import { checkDocumentId, MIB, requireText, rootFolderName, type DavBackendOptions } from '../webdav/dav-backend-options';
import { DavClient } from '../webdav/dav-client';
import { davUrl, normalizeBaseUrl, type DavPath } from '../webdav/dav-paths';
import { toDavAppError } from '../webdav/dav-status';
import { DavStorageBackend, type DavSite, type StagedUpload, type UploadDetails } from '../webdav/dav-storage-backend';
import { DavTransport } from '../webdav/dav-transport';
import { uploadFolderUrl, uploadInChunks } from './chunked-upload';
import { describeNextcloud, type NextcloudServerDescription } from './server-description';
import { discoverUserId } from './user-id-discovery';

export interface NextcloudConfig {
  /** The Nextcloud address as the person uses it in a browser (may include a sub-path). */
  readonly serverUrl: string;
  readonly loginName: string;
  readonly rootFolder?: string;
  /** The user id when already known (store it after the first discovery); discovered otherwise. */
  readonly userId?: string;
}

export interface NextcloudSecret {
  /** An app password (Login Flow v2 or made by hand); the account password also works but is discouraged. */
  readonly appPassword: string;
}

export interface NextcloudOptions extends DavBackendOptions {
  /** Files above this size use chunked upload v2 (default 10 MiB); smaller ones one buffered PUT. */
  readonly chunkThresholdBytes?: number;
  /** Chunk size for chunked upload (default 10 MiB; Nextcloud requires 5 MiB to 5 GiB). */
  readonly chunkSizeBytes?: number;
}

const MIN_CHUNK = 5 * MIB;
const MAX_CHUNK = 5 * 1024 * MIB;

interface NextcloudLocation {
  readonly userId: string;
  /** `<server>/remote.php/dav/files/<userid>/` */
  readonly filesBase: URL;
  /** `<server>/remote.php/dav/uploads/<userid>/` */
  readonly uploadsBase: URL;
}

/**
 * Nextcloud: the WebDAV backend rooted at the user's DAV folder, plus what
 * Nextcloud adds: user-id discovery, OC-Checksum, chunked upload v2 for big
 * files, waiting out 423 Locked, capabilities and quota for Settings. After a
 * 401 the instance sends nothing more (brute-force protection would otherwise
 * throttle every client at the person's address).
 */
export class NextcloudBackend extends DavStorageBackend {
  readonly kind = 'nextcloud' as const;
  private readonly server: URL;
  private readonly transport: DavTransport;
  private readonly client: DavClient;
  private readonly chunkSize: number;
  private location: Promise<NextcloudLocation> | null = null;

  constructor(config: NextcloudConfig, secret: NextcloudSecret, options: NextcloudOptions = {}) {
    const latch = new AuthLatch();
    super(rootFolderName(config.rootFolder), latch, options.chunkThresholdBytes ?? 10 * MIB);
    this.server = normalizeBaseUrl(config.serverUrl);
    this.chunkSize = options.chunkSizeBytes ?? 10 * MIB;
    if (!(this.chunkSize >= MIN_CHUNK && this.chunkSize <= MAX_CHUNK)) {
      throw new RangeError('Nextcloud chunks must be between 5 MiB and 5 GiB');
    }
    this.transport = new DavTransport({
      credentials: { username: requireText(config.loginName, 'login name'), password: requireText(secret.appPassword, 'app password') },
      latch,
      ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
      ...(options.httpsAgent ? { httpsAgent: options.httpsAgent } : {}),
      ...(options.idleTimeoutMs ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    });
    this.client = new DavClient(this.transport, options.retry ?? {}, true);
    if (config.userId) this.location = Promise.resolve(this.locate(config.userId));
  }

  /** The Nextcloud user id (discovered on first use). The connections service may store it in the settings. */
  async userId(): Promise<string> {
    try {
      await this.connected();
      return (await this.resolveLocation()).userId;
    } catch (error) {
      throw toDavAppError(error, 'connection check');
    }
  }

  /** Product, version and quota for the Settings screen. */
  async describeServer(): Promise<NextcloudServerDescription> {
    try {
      const { base: filesBase } = await this.connected();
      return await describeNextcloud(this.client, this.server, filesBase);
    } catch (error) {
      throw toDavAppError(error, 'connection check');
    }
  }

  override async discardIncomplete(documentId: string): Promise<void> {
    await super.discardIncomplete(documentId);
    try {
      await this.connected();
      const { uploadsBase } = await this.resolveLocation();
      await this.client.delete(uploadFolderUrl(uploadsBase, uploadIdFor(documentId)));
    } catch (error) {
      throw toDavAppError(error, 'clean-up');
    }
  }

  /** Releases idle keep-alive sockets (only those of agents this backend created). */
  close(): void {
    this.transport.close();
  }

  protected async site(): Promise<DavSite> {
    return { client: this.client, base: (await this.resolveLocation()).filesBase };
  }

  /** A buffered PUT knows its hash before sending: Nextcloud stores it with the file. */
  protected override checksumHeaders(sha256: string): Record<string, string> {
    return { 'OC-Checksum': `SHA256:${sha256}` };
  }

  protected override async uploadToStaging(site: DavSite, staging: DavPath, request: UploadDetails, source: ByteSource): Promise<StagedUpload> {
    if (source.size <= this.bufferedUploadLimit) return super.uploadToStaging(site, staging, request, source);
    const { uploadsBase } = await this.resolveLocation();
    return uploadInChunks(
      {
        client: this.client,
        uploadsBase,
        destination: davUrl(site.base, staging),
        uploadId: uploadIdFor(request.hint.documentId),
        chunkSize: this.chunkSize,
        maySendCleanup: () => !this.latch.tripped,
      },
      request,
      source,
    );
  }

  /** Discovers once; a failed discovery is tried again on the next call. */
  private resolveLocation(): Promise<NextcloudLocation> {
    this.location ??= discoverUserId(this.client, this.server).then(
      (userId) => this.locate(userId),
      (error: unknown) => {
        this.location = null;
        throw error;
      },
    );
    return this.location;
  }

  private locate(userId: string): NextcloudLocation {
    if (userId.length === 0 || userId.length > 255) throw new AppError('VALIDATION', 'The Nextcloud user id is not valid.');
    const user = encodeURIComponent(userId);
    return {
      userId,
      filesBase: new URL(`remote.php/dav/files/${user}/`, this.server),
      uploadsBase: new URL(`remote.php/dav/uploads/${user}/`, this.server),
    };
  }
}

function uploadIdFor(documentId: string): string {
  return `docuvault-${checkDocumentId(documentId)}`;
}
