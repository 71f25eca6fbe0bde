import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { makeTempDir } from '../support/temp-dir';
import {
  basicCredentials,
  createDavFileTree,
  delegateToDav,
  listenLoopback,
  listTree,
  serveIfSpawnedFor,
  spawnTestServer,
  unauthorized,
  type ChildServer,
  type Controls,
  type DavFileTree,
  type RecordedRequest,
} from './webdav-server';

/**
 * A Nextcloud-shaped server for tests, in its own process: webdav-server
 * mounted at `/remote.php/dav/files/<userid>/` (the user id deliberately not
 * the login name), and small handlers for what Nextcloud adds: Login Flow v2,
 * OCS capabilities and user, the DAV current-user principal, and chunked
 * upload v2 under `/remote.php/dav/uploads/<userid>/` with its validation
 * (Destination on every step, numbered chunks of at least 5 MiB,
 * OC-Total-Length). Like Nextcloud it stores OC-Checksum without checking it
 * and answers uploads with X-Hash-SHA256 of what it stored. It can answer
 * 423 once while assembling, corrupt an upload, revoke app passwords, and
 * records every request.
 */

export interface NextcloudFakeOptions {
  readonly loginName?: string;
  readonly userId?: string;
  /** The account password (accepted for DAV like Nextcloud does; app passwords come from Login Flow v2). */
  readonly password?: string;
  /** Sub-path of the installation, e.g. '/nextcloud' (default: none). */
  readonly basePath?: string;
  /** Quota in bytes; null (default) = unlimited, reported as Nextcloud does (-3). */
  readonly quotaBytes?: number | null;
  /** False: every /ocs/ request answers 404 (as behind a proxy that blocks it). */
  readonly ocs?: boolean;
  readonly version?: string;
}

export interface ChecksumRecord {
  /** Path below the user's files root. */
  readonly path: string;
  readonly claimed: string;
  readonly actual: string;
}

export interface NextcloudFake {
  /** The server address as a person would type it. */
  readonly url: string;
  readonly loginName: string;
  readonly userId: string;
  readonly password: string;
  /** The tree under the user's files root, e.g. ['DocuVault/', 'DocuVault/report.pdf']. */
  files(): Promise<string[]>;
  /** Upload folders (chunked upload v2) that currently exist. */
  uploadFolders(): Promise<string[]>;
  requests(): Promise<RecordedRequest[]>;
  deadProperties(path: string): Promise<Record<string, string>>;
  /** Every OC-Checksum the server received with a stored file, and what the bytes really hash to. */
  checksums(): Promise<ChecksumRecord[]>;
  /** The person approves the most recent login flow in the browser. */
  approveLogin(): Promise<void>;
  /** The next assembly (MOVE of `.file`) answers `status` instead of assembling. */
  failNextAssembly(status: number): Promise<void>;
  /** Every app password handed out so far stops working. */
  revokeAppPasswords(): Promise<void>;
  /** The next stored upload (PUT or assembly) gets its first byte altered; X-Hash-SHA256 tells the truth. */
  corruptNextUpload(): Promise<void>;
  setQuota(bytes: number | null): Promise<void>;
  close(): Promise<void>;
}

interface FakeChildOptions {
  readonly filesDir: string;
  readonly uploadsDir: string;
  readonly loginName: string;
  readonly userId: string;
  readonly password: string;
  readonly basePath: string;
  readonly quotaBytes: number | null;
  readonly ocs: boolean;
  readonly version: string;
}

export async function startNextcloudFake(options: NextcloudFakeOptions = {}): Promise<NextcloudFake> {
  const files = await makeTempDir('docuvault-nextcloud-files-');
  const uploads = await makeTempDir('docuvault-nextcloud-uploads-');
  const childOptions: FakeChildOptions = {
    filesDir: files.path,
    uploadsDir: uploads.path,
    loginName: options.loginName ?? 'alice@example.com',
    userId: options.userId ?? 'alice',
    password: options.password ?? 'alice account password',
    basePath: (options.basePath ?? '').replace(/\/+$/, ''),
    quotaBytes: options.quotaBytes ?? null,
    ocs: options.ocs ?? true,
    version: options.version ?? '30.0.4',
  };
  const removeDirs = async () => {
    await files.remove();
    await uploads.remove();
  };
  let child: ChildServer<{ port: number }>;
  try {
    child = await spawnTestServer<{ port: number }>(import.meta.url, 'nextcloud', childOptions);
  } catch (error) {
    await removeDirs();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${child.info.port}${childOptions.basePath}/`,
    loginName: childOptions.loginName,
    userId: childOptions.userId,
    password: childOptions.password,
    files: () => listTree(files.path),
    uploadFolders: () => readdir(uploads.path),
    requests: () => child.call('requests'),
    deadProperties: (path) => child.call('deadProperties', path),
    checksums: () => child.call('checksums'),
    approveLogin: () => child.call('approveLogin'),
    failNextAssembly: (status) => child.call('failNextAssembly', status),
    revokeAppPasswords: () => child.call('revokeAppPasswords'),
    corruptNextUpload: () => child.call('corruptNextUpload'),
    setQuota: (bytes) => child.call('setQuota', bytes),
    async close() {
      await child.close();
      await removeDirs();
    },
  };
}

// ---- the child process ----------------------------------------------------

const MIN_CHUNK = 5 * 1024 * 1024;
const MAX_CHUNK_NUMBER = 10_000;

interface LoginFlowState {
  readonly flowId: string;
  approved: boolean;
  consumed: boolean;
}

interface UploadSession {
  /** Path below the user's files root the upload will become. */
  readonly destination: string;
}

class NextcloudFakeServer {
  readonly requests: RecordedRequest[] = [];
  readonly checksums: ChecksumRecord[] = [];
  private readonly flows = new Map<string, LoginFlowState>();
  private readonly appPasswords = new Set<string>();
  private readonly uploads = new Map<string, UploadSession>();
  private nextAssemblyFailure: number | null = null;
  private readonly filesMount: string;

  constructor(
    private readonly options: FakeChildOptions,
    readonly tree: DavFileTree,
  ) {
    this.filesMount = `${options.basePath}/remote.php/dav/files/${encodeURIComponent(options.userId)}`;
  }

  static mountFor(options: FakeChildOptions): string {
    return `${options.basePath}/remote.php/dav/files/${options.userId}`;
  }

  controls(): Controls {
    return {
      requests: () => this.requests,
      checksums: () => this.checksums,
      deadProperties: (path: string) => this.tree.deadProperties(path),
      approveLogin: () => {
        const pending = [...this.flows.values()].filter((flow) => !flow.approved);
        const latest = pending.at(-1);
        if (!latest) throw new Error('no login flow is waiting for approval');
        latest.approved = true;
      },
      failNextAssembly: (status: number) => {
        this.nextAssemblyFailure = status;
      },
      revokeAppPasswords: () => this.appPasswords.clear(),
      corruptNextUpload: () => {
        this.tree.corruptNextPut = true;
      },
      setQuota: (bytes: number | null) => {
        this.tree.quotaBytes = bytes;
      },
    };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests.push({ at: Date.now(), method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers } });
    const pathname = new URL(req.url ?? '/', 'http://fake.invalid').pathname;
    const { basePath } = this.options;
    if (!pathname.startsWith(`${basePath}/`)) return notFound(req, res);
    const route = pathname.slice(basePath.length);
    const method = req.method ?? '';

    if (route === '/index.php/login/v2' && method === 'POST') return this.startLoginFlow(req, res);
    if (route.startsWith('/index.php/login/v2/flow/') && method === 'GET') return this.visitLoginPage(req, res, route);
    if (route === '/index.php/login/v2/poll' && method === 'POST') return this.pollLoginFlow(req, res);
    if (route.startsWith('/ocs/')) return this.ocs(req, res, route);
    if (route === '/remote.php/dav' || route === '/remote.php/dav/') return this.principal(req, res);

    const files = /^\/remote\.php\/dav\/files\/([^/]+)(\/.*)?$/.exec(route);
    if (files) {
      if (!this.authenticate(req, res)) return;
      if (decodeURIComponent(files[1]!) !== this.options.userId) return notFound(req, res);
      this.recordChecksumOnPut(req, res, files[2] ?? '/');
      delegateToDav(this.tree, req, res);
      return;
    }
    const uploads = /^\/remote\.php\/dav\/uploads\/([^/]+)((?:\/[^/]*)*)$/.exec(route);
    if (uploads) {
      if (!this.authenticate(req, res)) return;
      if (decodeURIComponent(uploads[1]!) !== this.options.userId) return notFound(req, res);
      const segments = (uploads[2] ?? '').split('/').filter(Boolean).map(decodeURIComponent);
      return this.chunkedUpload(req, res, segments);
    }
    return notFound(req, res);
  }

  /** Login name plus the account password or a live app password; anything else is 401. */
  private authenticate(req: IncomingMessage, res: ServerResponse): boolean {
    const credentials = basicCredentials(req);
    const ok =
      !!credentials &&
      credentials.user === this.options.loginName &&
      (credentials.password === this.options.password || this.appPasswords.has(credentials.password));
    if (!ok) {
      req.resume();
      unauthorized(res, 'Nextcloud');
    }
    return ok;
  }

  // ---- Login Flow v2 ----

  private async startLoginFlow(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await drain(req);
    const token = randomBytes(32).toString('hex');
    const flowId = randomBytes(16).toString('hex');
    this.flows.set(token, { flowId, approved: false, consumed: false });
    const origin = `http://${req.headers.host}${this.options.basePath}`;
    sendJson(res, 200, { poll: { token, endpoint: `${origin}/index.php/login/v2/poll` }, login: `${origin}/index.php/login/v2/flow/${flowId}` });
  }

  /** What the browser does once the person logs in and grants access. */
  private async visitLoginPage(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    await drain(req);
    const flowId = route.slice('/index.php/login/v2/flow/'.length);
    const flow = [...this.flows.values()].find((candidate) => candidate.flowId === flowId);
    if (!flow) return notFound(req, res);
    flow.approved = true;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Account connected</title><p>DocuVault can now access your account.</p>');
  }

  private async pollLoginFlow(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = new URLSearchParams((await drain(req)).toString('utf8')).get('token') ?? '';
    const flow = this.flows.get(token);
    // Until approved, and again after the one successful answer, Nextcloud says 404.
    if (!flow || !flow.approved || flow.consumed) return sendJson(res, 404, []);
    flow.consumed = true;
    const appPassword = randomBytes(36).toString('base64url');
    this.appPasswords.add(appPassword);
    sendJson(res, 200, { server: `http://${req.headers.host}${this.options.basePath}`, loginName: this.options.loginName, appPassword });
  }

  // ---- OCS ----

  private async ocs(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    await drain(req);
    if (!this.options.ocs) return notFound(req, res);
    if (req.headers['ocs-apirequest'] !== 'true') {
      return sendJson(res, 400, { ocs: { meta: { status: 'failure', statuscode: 400, message: 'OCS-APIRequest header missing' } } });
    }
    const endpoint = route.replace(/^\/ocs\/v[12]\.php\//, '');
    if (endpoint === 'cloud/capabilities') {
      // Public on a real server; credentials, when sent, must still be right.
      if (req.headers.authorization && !this.authenticate(req, res)) return;
      return sendOcs(res, {
        version: { major: Number(this.options.version.split('.')[0]), string: this.options.version, edition: '' },
        capabilities: { core: { 'webdav-root': 'remote.php/webdav' }, dav: { chunking: '1.0' }, theming: { name: 'Nextcloud' } },
      });
    }
    if (endpoint === 'cloud/user') {
      if (!this.authenticate(req, res)) return;
      return sendOcs(res, { id: this.options.userId, 'display-name': 'Alice', email: this.options.loginName });
    }
    return notFound(req, res);
  }

  /** PROPFIND on /remote.php/dav/: who the credentials belong to. */
  private async principal(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await drain(req);
    if (!this.authenticate(req, res)) return;
    if (req.method !== 'PROPFIND') {
      res.writeHead(405).end();
      return;
    }
    const base = `${this.options.basePath}/remote.php/dav`;
    const principal = `${base}/principals/users/${encodeURIComponent(this.options.userId)}/`;
    res.writeHead(207, { 'Content-Type': 'application/xml; charset=utf-8' });
    res.end(
      `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>${base}/</d:href>` +
        `<d:propstat><d:prop><d:current-user-principal><d:href>${principal}</d:href></d:current-user-principal></d:prop>` +
        `<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`,
    );
  }

  // ---- checksums ----

  private recordChecksumOnPut(req: IncomingMessage, res: ServerResponse, subPath: string): void {
    const claimed = header(req, 'oc-checksum');
    if (req.method !== 'PUT' || !claimed) return;
    const path = decodeURIComponent(subPath);
    res.once('finish', () => {
      if (res.statusCode >= 300) return;
      void sha256File(join(this.options.filesDir, path)).then((actual) => this.checksums.push({ path, claimed, actual: `SHA256:${actual}` }));
    });
  }

  // ---- chunked upload v2 ----

  private async chunkedUpload(req: IncomingMessage, res: ServerResponse, segments: string[]): Promise<void> {
    const [uploadId, item, ...extra] = segments;
    if (!uploadId || extra.length > 0 || !/^[\w.-]+$/.test(uploadId) || (item !== undefined && !/^[\w.-]+$/.test(item))) {
      return badRequest(req, res, 'bad upload path');
    }
    const dir = join(this.options.uploadsDir, uploadId);
    const method = req.method ?? '';
    if (method === 'MKCOL' && item === undefined) return this.createUpload(req, res, uploadId, dir);
    if (method === 'DELETE' && item === undefined) {
      await drain(req);
      if (!(await exists(dir))) return notFound(req, res);
      await rm(dir, { recursive: true, force: true });
      this.uploads.delete(uploadId);
      res.writeHead(204).end();
      return;
    }
    const session = this.uploads.get(uploadId);
    if (!session) return notFound(req, res);
    const destination = this.destinationOf(req);
    if (destination !== session.destination) return badRequest(req, res, 'Destination header missing or different');
    if (method === 'PUT' && item !== undefined && item !== '.file') return this.storeChunk(req, res, dir, item);
    if (method === 'MOVE' && item === '.file') return this.assemble(req, res, uploadId, dir, session);
    await drain(req);
    res.writeHead(405).end();
  }

  private async createUpload(req: IncomingMessage, res: ServerResponse, uploadId: string, dir: string): Promise<void> {
    await drain(req);
    const destination = this.destinationOf(req);
    if (destination === null) return badRequest(req, res, 'chunked upload v2 needs a Destination header');
    if (await exists(dir)) {
      res.writeHead(405).end();
      return;
    }
    await mkdir(dir);
    this.uploads.set(uploadId, { destination });
    res.writeHead(201).end();
  }

  private async storeChunk(req: IncomingMessage, res: ServerResponse, dir: string, item: string): Promise<void> {
    const number = /^\d{1,5}$/.test(item) ? Number(item) : NaN;
    if (!(number >= 1 && number <= MAX_CHUNK_NUMBER)) return badRequest(req, res, 'chunks are numbered 1 to 10000');
    await pipeline(req, createWriteStream(join(dir, item)));
    res.writeHead(201).end();
  }

  private async assemble(req: IncomingMessage, res: ServerResponse, uploadId: string, dir: string, session: UploadSession): Promise<void> {
    await drain(req);
    const total = Number(header(req, 'oc-total-length') ?? NaN);
    if (!Number.isSafeInteger(total)) return badRequest(req, res, 'OC-Total-Length missing');
    const chunks = (await readdir(dir)).sort((a, b) => Number(a) - Number(b));
    const sizes = await Promise.all(chunks.map(async (name) => (await stat(join(dir, name))).size));
    if (chunks.some((name, i) => Number(name) !== i + 1)) return badRequest(req, res, 'chunks are not numbered 1..N');
    if (sizes.slice(0, -1).some((size) => size < MIN_CHUNK)) return badRequest(req, res, 'chunks must be at least 5 MB');
    if (sizes.reduce((a, b) => a + b, 0) !== total) return badRequest(req, res, 'OC-Total-Length does not match');
    if (this.nextAssemblyFailure !== null) {
      const status = this.nextAssemblyFailure;
      this.nextAssemblyFailure = null;
      res.writeHead(status, status === 423 ? { 'Content-Type': 'application/xml' } : {}).end();
      return;
    }
    if (this.tree.quotaBytes !== null && (await this.tree.usedBytes()) + total > this.tree.quotaBytes) {
      res.writeHead(507).end();
      return;
    }
    const target = join(this.options.filesDir, session.destination);
    const parent = join(target, '..');
    if (!(await stat(parent).then((s) => s.isDirectory(), () => false))) {
      res.writeHead(409).end();
      return;
    }
    const existed = await exists(target);
    const out = createWriteStream(target);
    const hash = createHash('sha256');
    // One flag for PUT and assembly: whichever stores an upload first is corrupted.
    let corrupt = this.tree.corruptNextPut;
    this.tree.corruptNextPut = false;
    for (const name of chunks) {
      for await (let piece of createReadStream(join(dir, name))) {
        if (corrupt) {
          piece = Buffer.from(piece as Buffer);
          (piece as Buffer)[0] = (piece as Buffer)[0]! ^ 0xff;
          corrupt = false;
        }
        hash.update(piece as Buffer);
        if (!out.write(piece)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
    }
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(() => resolve());
    });
    const digest = hash.digest('hex');
    const claimed = header(req, 'oc-checksum');
    // Like Nextcloud: OC-Checksum is stored as given, not verified; the hash of what was stored is reported back.
    if (claimed) this.checksums.push({ path: session.destination, claimed, actual: `SHA256:${digest}` });
    await rm(dir, { recursive: true, force: true });
    this.uploads.delete(uploadId);
    res.writeHead(existed ? 204 : 201, { 'X-Hash-SHA256': digest }).end();
  }

  /** The Destination header as a path below the user's files root, or null. */
  private destinationOf(req: IncomingMessage): string | null {
    const value = header(req, 'destination');
    if (!value) return null;
    let pathname: string;
    try {
      pathname = new URL(value, 'http://fake.invalid').pathname;
    } catch {
      return null;
    }
    if (!pathname.startsWith(`${this.filesMount}/`)) return null;
    return decodeURIComponent(pathname.slice(this.filesMount.length));
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function drain(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of createReadStream(path)) hash.update(piece as Buffer);
  return hash.digest('hex');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendOcs(res: ServerResponse, data: unknown): void {
  sendJson(res, 200, { ocs: { meta: { status: 'ok', statuscode: 200, message: 'OK' }, data } });
}

function notFound(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  if (!res.headersSent) res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not Found');
}

function badRequest(req: IncomingMessage, res: ServerResponse, message: string): void {
  req.resume();
  res.writeHead(400, { 'Content-Type': 'text/plain' });
  res.end(message);
}

async function runNextcloudFake(options: FakeChildOptions): Promise<{ info: { port: number }; controls: Controls }> {
  const tree = await createDavFileTree(options.filesDir, NextcloudFakeServer.mountFor(options), options.quotaBytes, -3);
  tree.reportsHashes = true;
  const fake = new NextcloudFakeServer(options, tree);
  const server = createServer((req, res) => {
    fake.handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const { port } = await listenLoopback(server);
  return { info: { port }, controls: fake.controls() };
}

serveIfSpawnedFor('nextcloud', runNextcloudFake);
