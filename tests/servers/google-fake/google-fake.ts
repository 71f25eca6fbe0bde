import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { makeTempDir } from '../../support/temp-dir';
import { BodyTooLargeError } from '../shared/http-io';
import { handleAuthorize, type ConsentChoice } from './authorize-endpoint';
import { DriveEndpoints } from './drive-endpoints';
import { DriveStore } from './drive-store';
import { DRIVE_FILE_SCOPE, DRIVE_SCOPE, FakeIdentity, type FakeAccount, type FakeOAuthClient } from './fake-identity';
import type { FakeOperation } from './fake-operations';
import { defaultReasonFor, FaultPlan } from './fault-plan';
import { driveErrors, sendGoogleError, sendJson } from './http-io';
import { RequestLog, type LoggedRequest } from './request-log';
import { handleToken } from './token-endpoint';
import { UploadSessions } from './upload-sessions';

export const FAKE_GOOGLE_CLIENT: FakeOAuthClient = {
  clientId: '123456789012-fakedesktopclient.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-fake-desktop-secret',
};

export const FAKE_GOOGLE_ACCOUNT: FakeAccount = {
  id: '01234567890123456789',
  email: 'dana.example@gmail.com',
  name: 'Dana Example',
};

export interface GoogleFakeOptions {
  readonly clients?: readonly FakeOAuthClient[];
  readonly account?: FakeAccount;
  readonly accessTokenLifetimeSeconds?: number;
}

/** The fake's endpoints, as the OAuth client and the Drive backend take them. */
export interface GoogleFakeEndpoints {
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly userinfoEndpoint: string;
  readonly driveApiBaseUrl: string;
  readonly uploadBaseUrl: string;
}

export interface GoogleFake {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Endpoint URLs on `baseUrl` (default: the fake itself; pass a fault proxy's URL to go through it). */
  endpoints(baseUrl?: string): GoogleFakeEndpoints;
  readonly identity: FakeIdentity;
  readonly drive: DriveStore;
  readonly uploads: UploadSessions;
  readonly faults: FaultPlan;
  readonly log: RequestLog;
  /** Makes the next consent screens answer this way (queued; default "allow"). */
  nextConsent(choice: ConsentChoice): void;
  /** The base URL the fake puts in session URIs (`Location`), e.g. a proxy in front of it. */
  advertise(baseUrl: string): void;
  expireAllAccessTokens(): void;
  revokeRefreshTokens(): void;
  /** A live access token for `drive.file`, for tests that skip the browser. */
  mintAccessToken(scopes?: readonly string[]): string;
  close(): Promise<void>;
}

interface Route {
  readonly operation: FakeOperation;
  /** Whether the request needs a valid access token with a Drive scope. */
  readonly drive: boolean;
  readonly fileId?: string;
}

function route(method: string, pathname: string): Route {
  if (method === 'GET' && pathname === '/o/oauth2/v2/auth') return { operation: 'authorize', drive: false };
  if (method === 'POST' && pathname === '/token') return { operation: 'token', drive: false };
  if (method === 'GET' && pathname === '/oauth2/v3/userinfo') return { operation: 'userinfo', drive: false };
  if (method === 'GET' && pathname === '/drive/v3/about') return { operation: 'about', drive: true };
  if (pathname === '/drive/v3/files') {
    if (method === 'GET') return { operation: 'files.list', drive: true };
    if (method === 'POST') return { operation: 'files.create', drive: true };
  }
  const file = /^\/drive\/v3\/files\/([^/]+)$/.exec(pathname);
  if (file) {
    const fileId = decodeURIComponent(file[1]!);
    if (method === 'GET') return { operation: 'files.get', drive: true, fileId };
    if (method === 'PATCH') return { operation: 'files.update', drive: true, fileId };
    if (method === 'DELETE') return { operation: 'files.delete', drive: true, fileId };
  }
  if (pathname === '/upload/drive/v3/files') {
    if (method === 'POST') return { operation: 'upload.initiate', drive: true };
    // The session URI is the credential for its PUTs and DELETE.
    if (method === 'PUT') return { operation: 'upload.chunk', drive: false };
    if (method === 'DELETE') return { operation: 'upload.cancel', drive: false };
  }
  return { operation: 'unknown', drive: false };
}

/**
 * A local stand-in for accounts.google.com, oauth2.googleapis.com and the
 * Drive v3 API (metadata, media and resumable uploads), on 127.0.0.1 with an
 * ephemeral port, following the real protocols closely enough that the real
 * OAuth client and Drive backend run against it unchanged. Tests steer it
 * with controls (consent choices, token expiry and revocation, quotas,
 * corruption, injected faults) and read its request log.
 */
export async function startGoogleFake(options: GoogleFakeOptions = {}): Promise<GoogleFake> {
  const dir = await makeTempDir('docuvault-google-fake-');
  const identity = new FakeIdentity(options.clients ?? [FAKE_GOOGLE_CLIENT], options.account ?? FAKE_GOOGLE_ACCOUNT);
  if (options.accessTokenLifetimeSeconds !== undefined) identity.accessTokenLifetimeSeconds = options.accessTokenLifetimeSeconds;
  const drive = new DriveStore(dir.path);
  const endpoints = new DriveEndpoints(drive, identity.account);
  let advertisedBase = '';
  const uploads = new UploadSessions(drive, endpoints, () => advertisedBase);
  const faults = new FaultPlan();
  const log = new RequestLog();
  const consentQueue: ConsentChoice[] = [];
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL, where: Route, entry: LoggedRequest) => {
    let operation = where.operation;
    if (operation === 'files.get' && url.searchParams.get('alt') === 'media') operation = 'files.media';
    if (operation === 'upload.chunk' && /^bytes \*\//.test(req.headers['content-range'] ?? '')) operation = 'upload.query';
    (entry as { operation: FakeOperation }).operation = operation;

    const fault = faults.take(operation, req.method ?? '');
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      req.resume();
      const standard = defaultReasonFor(fault.status);
      sendGoogleError(
        res,
        fault.status,
        { reason: fault.reason ?? standard.reason, domain: standard.domain, message: standard.message },
        fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {},
      );
      return;
    }
    if (where.drive) {
      const scopes = identity.verifyBearer(req.headers.authorization);
      if (!scopes) {
        req.resume();
        return driveErrors.unauthenticated(res);
      }
      if (!scopes.includes(DRIVE_FILE_SCOPE) && !scopes.includes(DRIVE_SCOPE)) {
        req.resume();
        return driveErrors.insufficientScopes(res);
      }
    }
    const chunkFault =
      fault?.kind === 'reset-mid-chunk'
        ? ({ kind: 'cut', afterBytes: fault.afterBytes } as const)
        : fault?.kind === 'partial-ack'
          ? ({ kind: 'partial-ack', keepBytes: fault.keepBytes } as const)
          : null;
    switch (where.operation) {
      case 'authorize':
        return handleAuthorize(req, res, identity, () => consentQueue.shift() ?? 'allow');
      case 'token':
        return handleToken(req, res, identity);
      case 'userinfo': {
        const granted = identity.verifyBearer(req.headers.authorization);
        if (!granted) return driveErrors.unauthenticated(res);
        // Google answers userinfo only for tokens with an OpenID Connect scope.
        if (!granted.some((scope) => ['openid', 'email', 'profile'].includes(scope))) return driveErrors.insufficientScopes(res);
        const { id, email, name } = identity.account;
        return sendJson(res, 200, { sub: id, name, email, email_verified: true });
      }
      case 'about':
        return endpoints.about(res, url);
      case 'files.list':
        return endpoints.list(res, url);
      case 'files.create':
        return endpoints.create(req, res, url);
      case 'files.get':
        return endpoints.get(req, res, url, where.fileId!);
      case 'files.update':
        return endpoints.update(req, res, url, where.fileId!);
      case 'files.delete':
        return endpoints.delete(res, where.fileId!);
      case 'upload.initiate':
        return uploads.initiate(req, res, url);
      case 'upload.chunk':
        return uploads.put(req, res, url, entry, chunkFault);
      case 'upload.cancel':
        return uploads.cancel(res, url);
      default:
        req.resume();
        sendGoogleError(res, 404, { reason: 'notFound', message: 'Not Found' });
    }
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    url.searchParams.delete('access_token');
    const where = route(req.method ?? 'GET', url.pathname);
    const entry = log.record({
      operation: where.operation,
      method: req.method ?? '',
      path: `${url.pathname}${url.search}`,
      contentRange: req.headers['content-range'] ?? null,
      hadAuthorization: req.headers.authorization !== undefined,
    });
    res.on('finish', () => (entry.status = res.statusCode));
    handle(req, res, url, where, entry).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
      } else if (error instanceof BodyTooLargeError) {
        sendGoogleError(res, 413, { reason: 'uploadTooLarge', message: 'Request body too large.' });
      } else {
        sendGoogleError(res, 500, { reason: 'backendError', message: error instanceof Error ? error.message : 'Backend Error' });
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  advertisedBase = url;

  return {
    url,
    endpoints: (baseUrl = url) => {
      const base = baseUrl.replace(/\/$/, '');
      return {
        authorizationEndpoint: `${base}/o/oauth2/v2/auth`,
        tokenEndpoint: `${base}/token`,
        userinfoEndpoint: `${base}/oauth2/v3/userinfo`,
        driveApiBaseUrl: `${base}/drive/v3`,
        uploadBaseUrl: `${base}/upload/drive/v3`,
      };
    },
    identity,
    drive,
    uploads,
    faults,
    log,
    nextConsent: (choice) => consentQueue.push(choice),
    advertise: (baseUrl) => (advertisedBase = baseUrl.replace(/\/$/, '')),
    expireAllAccessTokens: () => identity.expireAllAccessTokens(),
    revokeRefreshTokens: () => identity.revokeRefreshTokens(),
    mintAccessToken: (scopes) => identity.mintAccessToken(scopes),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await uploads.expireAll();
      await dir.remove();
    },
  };
}
