import { AuthLatch } from './auth-latch';
import { MIB, requireText, rootFolderName, type DavBackendOptions } from './dav-backend-options';
import { DavClient } from './dav-client';
import { normalizeBaseUrl } from './dav-paths';
import { DavStorageBackend, type DavSite } from './dav-storage-backend';
import { DavTransport } from './dav-transport';

export interface WebDavConfig {
  /** The server's WebDAV URL, including any DAV path (e.g. https://nas.example.com/dav/). */
  readonly url: string;
  readonly username: string;
  /** The folder under the DAV root that holds DocuVault's documents (default "DocuVault"). */
  readonly rootFolder?: string;
}

export interface WebDavSecret {
  readonly password: string;
}

export interface WebDavOptions extends DavBackendOptions {
  /** Uploads up to this size are buffered so they can be retried (default 8 MiB); larger ones stream once. */
  readonly bufferedUploadLimit?: number;
}

/** Any WebDAV server (RFC 4918), with Basic authentication over the caller's agents. */
export class WebDavBackend extends DavStorageBackend {
  readonly kind = 'webdav' as const;
  private readonly transport: DavTransport;
  private readonly davSite: DavSite;

  constructor(config: WebDavConfig, secret: WebDavSecret, options: WebDavOptions = {}) {
    const latch = new AuthLatch();
    super(rootFolderName(config.rootFolder), latch, options.bufferedUploadLimit ?? 8 * MIB);
    const base = normalizeBaseUrl(config.url);
    this.transport = new DavTransport({
      credentials: { username: requireText(config.username, 'user name'), password: requireText(secret.password, 'password') },
      latch,
      ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
      ...(options.httpsAgent ? { httpsAgent: options.httpsAgent } : {}),
      ...(options.idleTimeoutMs ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    });
    this.davSite = { client: new DavClient(this.transport, options.retry ?? {}), base };
  }

  protected async site(): Promise<DavSite> {
    return this.davSite;
  }

  /** Releases idle keep-alive sockets (only those of agents this backend created). */
  close(): void {
    this.transport.close();
  }
}
