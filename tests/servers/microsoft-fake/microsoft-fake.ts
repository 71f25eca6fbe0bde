import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { makeTempDir } from '../../support/temp-dir';
import { BodyTooLargeError, sendHtml } from '../shared/http-io';
import { DownloadLinks } from './download-links';
import { DriveStore } from './drive-store';
import { FakeIdentity, FILE_SCOPES, type FakeMicrosoftAccount, type FakeMicrosoftClient } from './fake-identity';
import { route, type ItemAddress, type Route } from './fake-routes';
import { createFakeTls } from './fake-tls';
import { defaultCodeFor, FaultPlan } from './fault-plan';
import { GraphEndpoints } from './graph-endpoints';
import { graphErrors, sendGraphError } from './http-io';
import { IdTokenSigner } from './id-token';
import { handleAuthorize, handleToken, isKnownTenant, sendJwks, sendOpenIdConfiguration, type ConsentChoice } from './identity-endpoints';
import { RequestLog } from './request-log';
import type { CommitControls } from './upload-commit';
import { UploadSessions, type FragmentFault } from './upload-sessions';

/** DocuVault's app registration in the fake: a public client with the deep link and loopback redirects. */
export const FAKE_MICROSOFT_CLIENT: FakeMicrosoftClient = {
  clientId: '5f0b6a1e-3c2d-4e8f-9a7b-d0c5e1f2a3b4',
  redirectUris: ['docuvault://oauth/microsoft', 'http://127.0.0.1/callback', 'http://localhost/callback'],
};

/** A personal Microsoft account (the consumers tenant id is shared by all of them). */
export const FAKE_MICROSOFT_ACCOUNT: FakeMicrosoftAccount = {
  oid: '00000000-0000-0000-7a3e-5c91d2b4f6e8',
  tid: '9188040d-6c67-4c5b-b112-36a304b66dad',
  username: 'robin.example@outlook.com',
  name: 'Robin Example',
};

export interface MicrosoftFakeOptions {
  readonly clients?: readonly FakeMicrosoftClient[];
  readonly account?: FakeMicrosoftAccount;
  readonly accessTokenLifetimeSeconds?: number;
}

export interface MicrosoftFake {
  /** `https://127.0.0.1:<port>`: the authority host (MSAL insists on https) and Graph. */
  readonly httpsUrl: string;
  /** `http://127.0.0.1:<port>`: the same fake in plain HTTP, for the fault proxy (which speaks HTTP only). */
  readonly httpUrl: string;
  /** The test CA that signed the HTTPS certificate: trust it, and only it. */
  readonly caPem: string;
  /** `https://127.0.0.1:<port>/<tenant>`, the MSAL authority. */
  authority(tenant?: string): string;
  /** `<base>/v1.0` (default base: the HTTPS listener). */
  graphBaseUrl(base?: string): string;
  readonly identity: FakeIdentity;
  readonly store: DriveStore;
  readonly uploads: UploadSessions;
  readonly downloads: DownloadLinks;
  readonly faults: FaultPlan;
  readonly log: RequestLog;
  readonly controls: CommitControls;
  /** Makes the next consent screens answer this way (queued; default "allow"). */
  nextConsent(choice: ConsentChoice): void;
  /** The base URL put in upload and download URLs (e.g. a fault proxy in front of the HTTP listener); null: the listener asked. */
  advertise(baseUrl: string | null): void;
  expireAllAccessTokens(): void;
  revokeRefreshTokens(): void;
  expireRefreshTokens(): void;
  /** A live access token (default scope Files.ReadWrite), for tests that skip the browser. */
  mintAccessToken(scopes?: readonly string[]): string;
  close(): Promise<void>;
}

/**
 * A local stand-in for login.microsoftonline.com (v2.0 authority metadata,
 * authorize, token, keys) and Microsoft Graph's OneDrive API (`/me/drive`,
 * items by id and path, folders, moves, deletes, `/content` redirects to
 * pre-authenticated links, upload sessions), following the real protocols
 * closely enough that `@azure/msal-node` and the OneDrive backend run against
 * it unchanged. It listens on 127.0.0.1 twice: HTTPS with a certificate from
 * a test CA made at start-up, and plain HTTP for the fault proxy. Tests steer
 * it with controls (consent, token expiry and revocation, quota, corruption,
 * injected faults) and read its request log. File bytes live in a temporary
 * directory.
 */
export async function startMicrosoftFake(options: MicrosoftFakeOptions = {}): Promise<MicrosoftFake> {
  const dir = await makeTempDir('docuvault-microsoft-fake-');
  const tls = createFakeTls();
  const signer = new IdTokenSigner();
  let httpsUrl = '';
  let httpUrl = '';
  let advertised: string | null = null;
  const identity = new FakeIdentity(options.clients ?? [FAKE_MICROSOFT_CLIENT], options.account ?? FAKE_MICROSOFT_ACCOUNT, signer, () => httpsUrl);
  if (options.accessTokenLifetimeSeconds !== undefined) identity.accessTokenLifetimeSeconds = options.accessTokenLifetimeSeconds;
  const store = new DriveStore(dir.path);
  const controls: CommitControls = { corruptNextUpload: false };
  const downloads = new DownloadLinks(store);
  const uploads = new UploadSessions(store, controls);
  const graph = new GraphEndpoints(store, identity.account, downloads, controls);
  const faults = new FaultPlan();
  const log = new RequestLog();
  const consentQueue: ConsentChoice[] = [];
  const sockets = new Set<Socket>();

  const resolve = (address: ItemAddress | undefined) => (address ? store.resolvePath(address.baseId, address.names) : undefined);
  /** For creations: the folder the last name goes into, and that name. */
  const resolveParent = (address: ItemAddress) => ({
    parent: store.resolvePath(address.baseId, address.names.slice(0, -1)),
    name: address.names.at(-1)!,
  });

  const handleGraph = async (req: IncomingMessage, res: ServerResponse, url: URL, where: Extract<Route, { area: 'graph' }>, base: string) => {
    const scopes = identity.verifyBearer(req.headers.authorization);
    if (!scopes) {
      req.resume();
      return graphErrors.unauthenticated(res);
    }
    if (where.operation === 'me') return graph.me(res, scopes);
    if (!scopes.some((scope) => FILE_SCOPES.has(scope))) {
      req.resume();
      return graphErrors.accessDenied(res);
    }
    switch (where.operation) {
      case 'drive':
        return graph.drive(res);
      case 'item.get':
        return graph.getItem(res, resolve(where.address), url);
      case 'item.children':
        return graph.listChildren(res, resolve(where.address));
      case 'folder.create':
        return graph.createFolder(req, res, resolve(where.address));
      case 'item.update':
        return graph.update(req, res, resolve(where.address), url);
      case 'item.delete':
        return graph.delete(res, resolve(where.address));
      case 'item.content':
        return graph.content(res, resolve(where.address), base);
      case 'content.put': {
        const { parent, name } = resolveParent(where.address!);
        return graph.putContent(req, res, parent, name, url);
      }
      case 'session.create': {
        const { parent, name } = resolveParent(where.address!);
        if (!parent) {
          req.resume();
          return graphErrors.notFound(res);
        }
        return uploads.create(req, res, parent.id, name, base);
      }
      default:
        req.resume();
        return graphErrors.notFound(res);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL, where: Route, base: string) => {
    const fault = faults.take(where.operation, req.method ?? '');
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      req.resume();
      const standard = defaultCodeFor(fault.status);
      const retryAfter: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
      return sendGraphError(res, fault.status, fault.code ?? standard.code, standard.message, retryAfter);
    }
    const fragmentFault: FragmentFault | null = fault?.kind === 'drop-response' || fault?.kind === 'already-received' || fault?.kind === 'cut-after' ? fault : null;
    switch (where.area) {
      case 'identity':
        if (!isKnownTenant(where.tenant, identity)) {
          req.resume();
          return sendHtml(res, 400, 'AADSTS90002', `Tenant '${where.tenant}' not found.`);
        }
        if (where.operation === 'openid-configuration') return sendOpenIdConfiguration(res, base, where.tenant);
        if (where.operation === 'jwks') return sendJwks(res, identity);
        if (where.operation === 'authorize') return handleAuthorize(req, res, identity, () => consentQueue.shift() ?? 'allow');
        return handleToken(req, res, identity);
      case 'graph':
        return handleGraph(req, res, url, where, base);
      case 'session':
        return uploads.handle(req, res, where.sessionId, fragmentFault);
      case 'download':
        return downloads.serve(req, res, where.token);
      default:
        req.resume();
        return sendGraphError(res, 400, 'BadRequest', 'Unsupported segment type or resource.');
    }
  };

  const listener = (secure: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://fake');
    const where = route(req.method ?? 'GET', url.pathname);
    log.record(
      {
        operation: where.operation,
        method: req.method ?? '',
        path: `${url.pathname}${url.search}`,
        contentRange: req.headers['content-range'] ?? null,
        range: req.headers.range ?? null,
        hadAuthorization: req.headers.authorization !== undefined,
        contentLength: req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : null,
      },
      res,
    );
    const base = advertised ?? (secure ? httpsUrl : httpUrl);
    handle(req, res, url, where, base).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else if (error instanceof BodyTooLargeError) sendGraphError(res, 413, 'invalidRequest', 'Request body too large.');
      else sendGraphError(res, 500, 'generalException', error instanceof Error ? error.message : 'An unspecified error has occurred.');
    });
  };

  const track = (server: Server) =>
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  const listen = async (server: Server) => {
    track(server);
    await new Promise<void>((ready, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => ready());
    });
    return (server.address() as AddressInfo).port;
  };
  // `connection` gives the raw TCP sockets of both listeners: destroying one ends its TLS session too.
  const httpsServer = createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, listener(true));
  const httpServer = createHttpServer(listener(false));
  httpsUrl = `https://127.0.0.1:${await listen(httpsServer)}`;
  httpUrl = `http://127.0.0.1:${await listen(httpServer)}`;

  return {
    httpsUrl,
    httpUrl,
    caPem: tls.caPem,
    authority: (tenant = 'common') => `${httpsUrl}/${tenant}`,
    graphBaseUrl: (base = httpsUrl) => `${base.replace(/\/$/, '')}/v1.0`,
    identity,
    store,
    uploads,
    downloads,
    faults,
    log,
    controls,
    nextConsent: (choice) => consentQueue.push(choice),
    advertise: (baseUrl) => (advertised = baseUrl === null ? null : baseUrl.replace(/\/$/, '')),
    expireAllAccessTokens: () => identity.expireAllAccessTokens(),
    revokeRefreshTokens: () => identity.revokeRefreshTokens(),
    expireRefreshTokens: () => identity.expireRefreshTokens(),
    mintAccessToken: (scopes) => identity.mintAccessToken(scopes),
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([
        new Promise<void>((done) => httpsServer.close(() => done())),
        new Promise<void>((done) => httpServer.close(() => done())),
      ]);
      await uploads.expireAll();
      await dir.remove();
    },
  };
}
