import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { silentLogger, type Logger } from '../core/ports';
import { createVaultCore } from '../core/vault-core';
import { createAppRouter } from '../ipc/create-app-router';
import { bundleBridgeScript } from './bridge-bundle';
import { previewContentUrl } from './content-route';
import { EventStreams } from './event-stream';
import { PendingUploads } from './pending-uploads';
import { createAccessToken, PreviewAccess, TOKEN_QUERY_PARAM } from './preview-access';
import { createRequestHandler } from './request-handler';

export interface PreviewServerOptions {
  readonly dataDir: string;
  /** The built renderer (vite's output: index.html and assets/). */
  readonly rendererDir: string;
  /** 0 or absent: an ephemeral port. */
  readonly port?: number;
  readonly logger?: Logger;
  /** How long announced upload bodies may take to start arriving (see PendingUploads). */
  readonly uploadClaimTimeoutMs?: number;
}

export interface PreviewServer {
  /** Open this: it carries the token, and the first visit trades it for a cookie. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

/**
 * The browser preview: the real core and the same router as Electron, served
 * over loopback HTTP to the built renderer, with a bridge script in place of
 * the preload. Nothing in the core knows which transport serves it.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const logger = options.logger ?? silentLogger;
  const bridgeScript = await bundleBridgeScript();
  const core = await createVaultCore({
    dataDir: options.dataDir,
    logger,
    // The person is already in a browser: the window shows the sign-in link for them to open
    // (a page cannot open tabs on the server's behalf without a click).
    browser: { open: async () => undefined },
  });
  const router = createAppRouter(core, { contentUrl: previewContentUrl, dialogs: null }, logger);
  const uploads = new PendingUploads({
    claimTimeoutMs: options.uploadClaimTimeoutMs ?? 60_000,
    cancel: (uploadId) => void router.invoke('documents:cancel-upload', { uploadId }),
  });
  const stopFollowingUploads = core.events.on('uploads:progress', (event) => uploads.onProgress(event));
  const events = new EventStreams(core.events);

  let server: Server;
  let access: PreviewAccess;
  try {
    server = createServer();
    const port = await listen(server, options.port ?? 0);
    access = new PreviewAccess(createAccessToken(), port);
    server.on(
      'request',
      createRequestHandler({ core, router, access, events, uploads, bridgeScript, rendererDir: resolve(options.rendererDir), logger }),
    );
  } catch (error) {
    stopFollowingUploads();
    uploads.close();
    await core.close();
    throw error;
  }

  const origin = `http://${LOOPBACK}:${access.port}`;
  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?${TOKEN_QUERY_PARAM}=${access.token}`,
    origin,
    token: access.token,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((done) => server.close(() => done()));
        core.uploads.cancelAll();
        uploads.close();
        events.closeAll();
        server.closeAllConnections();
        await stopped;
        stopFollowingUploads();
        await core.close();
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port, exclusive: true }, () => {
      server.off('error', reject);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}
