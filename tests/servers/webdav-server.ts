/**
 * The WebDAV test server (webdav-server v2 over a temporary directory, with
 * Basic authentication, on 127.0.0.1 and an ephemeral port) and the pieces
 * the Nextcloud fake shares with it: the file tree with webdav-server's
 * quirks fixed, atomic PUT, quota and 507, request logging, and running a
 * fake in a child process with a small control channel.
 */
import { fork } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createWriteStream } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { v2 as webdav } from 'webdav-server';
import { makeTempDir } from '../support/temp-dir';

type DavPath = InstanceType<typeof webdav.Path>;
type PropertyBag = webdav.PropertyBag;

const DAV_PREFIX = 'DAV:';

/**
 * webdav-server's PhysicalFileSystem with two of its quirks fixed, so the
 * fakes behave like real servers where DocuVault relies on them:
 *
 * 1. Dead properties are stored as namespace + local name and written back
 *    split at the last '/' with a ':' appended to the namespace, which
 *    mangles every namespace. For namespaces ending in '/' (DocuVault's does)
 *    and for DAV: the right xmlns declaration is added on the way out.
 * 2. MOVE re-keys a resource's properties by its real disk path instead of
 *    its DAV path, so properties were lost on every move.
 *
 * It can also report RFC 4331 quota on its root collection.
 */
export class FixedPhysicalFileSystem extends webdav.PhysicalFileSystem {
  constructor(
    rootPath: string,
    private readonly quota: () => Promise<{ used: number; available: number } | null>,
  ) {
    super(rootPath);
  }

  protected override _move(
    pathFrom: DavPath,
    pathTo: DavPath,
    ctx: webdav.MoveInfo,
    callback: webdav.ReturnCallback<boolean>,
  ): void {
    super._move(pathFrom, pathTo, ctx, (error, overwritten) => {
      if (!error) {
        const from = pathFrom.toString();
        const to = pathTo.toString();
        delete this.resources[this.getRealPath(pathTo).realPath];
        for (const key of Object.keys(this.resources)) {
          if (key !== from && !key.startsWith(`${from}/`)) continue;
          this.resources[to + key.slice(from.length)] = this.resources[key]!;
          delete this.resources[key];
        }
      }
      callback(error, overwritten);
    });
  }

  protected override _propertyManager(
    path: DavPath,
    ctx: webdav.PropertyManagerInfo,
    callback: webdav.ReturnCallback<webdav.IPropertyManager>,
  ): void {
    super._propertyManager(path, ctx, (error, inner) => {
      if (error || !inner) return callback(error, inner);
      callback(undefined as unknown as Error, new NamespacedProperties(inner, path.isRoot() ? this.quota : async () => null));
    });
  }
}

/** Adds the xmlns declarations webdav-server leaves out, and the quota properties of the root. */
class NamespacedProperties implements webdav.IPropertyManager {
  constructor(
    private readonly inner: webdav.IPropertyManager,
    private readonly quota: () => Promise<{ used: number; available: number } | null>,
  ) {}

  setProperty(name: string, value: webdav.ResourcePropertyValue, attributes: webdav.PropertyAttributes, callback: webdav.SimpleCallback): void {
    this.inner.setProperty(name, value, attributes, callback);
  }

  getProperty(name: string, callback: webdav.Return2Callback<webdav.ResourcePropertyValue, webdav.PropertyAttributes>): void {
    this.inner.getProperty(name, callback);
  }

  removeProperty(name: string, callback: webdav.SimpleCallback): void {
    this.inner.removeProperty(name, callback);
  }

  getProperties(callback: webdav.ReturnCallback<PropertyBag>, byCopy?: boolean): void {
    this.inner.getProperties((error, bag) => {
      if (error) return callback(error, bag);
      const out: PropertyBag = {};
      for (const [name, property] of Object.entries(bag ?? {})) {
        out[name] = { value: property.value, attributes: { ...property.attributes, ...xmlnsFor(name) } };
      }
      void this.quota().then((quota) => {
        if (quota) {
          out[`${DAV_PREFIX}quota-available-bytes`] = { value: String(quota.available), attributes: xmlnsFor(DAV_PREFIX) };
          out[`${DAV_PREFIX}quota-used-bytes`] = { value: String(quota.used), attributes: xmlnsFor(DAV_PREFIX) };
        }
        callback(undefined as unknown as Error, out);
      });
    }, byCopy);
  }
}

/** The declaration webdav-server's XML builder needs for a stored property name to come out right. */
function xmlnsFor(name: string): Record<string, string> {
  if (name.startsWith(DAV_PREFIX)) return { 'xmlns:DAV': DAV_PREFIX };
  const slash = name.lastIndexOf('/');
  // The builder names the first free prefix "a" and splits at the last '/'.
  return slash >= 0 ? { 'xmlns:a': name.slice(0, slash + 1) } : {};
}

/** Bytes used by every file under `dir`. */
export async function diskUsage(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = join(dir, entry.name);
    total += entry.isDirectory() ? await diskUsage(full) : (await stat(full)).size;
  }
  return total;
}

/** Every entry under `dir` as a '/'-joined relative path; collections end with '/'. */
export async function listTree(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) out.push(`${relative}/`, ...(await listTree(join(dir, entry.name), `${relative}/`)));
    else out.push(relative);
  }
  return out.sort();
}

export interface RecordedRequest {
  /** When it arrived (ms since the epoch). */
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
}

export interface DavFileTree {
  readonly dav: webdav.WebDAVServer;
  /** URL path the tree is served at, e.g. '/dav' (unencoded). */
  readonly mountPath: string;
  readonly fs: FixedPhysicalFileSystem;
  /** Disk directory holding the mounted tree. */
  readonly rootDir: string;
  /** Quota in bytes (null = unlimited and not reported). */
  quotaBytes: number | null;
  /** Answer PUTs with X-Hash-SHA256 of the bytes stored, as Nextcloud (19+) does. */
  reportsHashes: boolean;
  /** Store the next PUT's body with its first byte altered (a corrupting server or proxy). */
  corruptNextPut: boolean;
  usedBytes(): Promise<number>;
  /** Dead properties the server holds for a path below the mount ('/DocuVault/x.pdf'), values as text. */
  deadProperties(path: string): Record<string, string>;
}

/**
 * A webdav-server with no authentication of its own (the fakes authenticate
 * in front of it), mounted at `mountPath`. With no quota, the quota
 * properties are left out, or reported with `unlimitedAvailable` as the free
 * space (Nextcloud says -3 for "unlimited").
 */
export async function createDavFileTree(
  rootDir: string,
  mountPath: string,
  quotaBytes: number | null,
  unlimitedAvailable?: number,
): Promise<DavFileTree> {
  const dav = new webdav.WebDAVServer({ requireAuthentification: false, respondWithPaths: false });
  const tree: DavFileTree = {
    dav,
    mountPath,
    rootDir,
    quotaBytes,
    reportsHashes: false,
    corruptNextPut: false,
    fs: undefined as unknown as FixedPhysicalFileSystem,
    usedBytes: () => diskUsage(rootDir),
    deadProperties(path) {
      const resource = tree.fs.resources[path];
      const out: Record<string, string> = {};
      for (const [name, property] of Object.entries(resource?.props.properties ?? {})) out[name] = textOf(property.value);
      return out;
    },
  };
  const fs = new FixedPhysicalFileSystem(rootDir, async () => {
    if (tree.quotaBytes === null && unlimitedAvailable === undefined) return null;
    const used = await tree.usedBytes();
    if (tree.quotaBytes === null) return { used, available: unlimitedAvailable! };
    return { used, available: Math.max(0, tree.quotaBytes - used) };
  });
  (tree as { fs: FixedPhysicalFileSystem }).fs = fs;
  if (!(await dav.setFileSystemAsync(mountPath, fs))) throw new Error(`cannot mount the test file system at ${mountPath}`);
  return tree;
}

function textOf(value: webdav.ResourcePropertyValue): string {
  if (typeof value === 'string') return value;
  const nodes = Array.isArray(value) ? value : [value];
  return nodes.map((node) => (node as { text?: string }).text ?? '').join('');
}

/**
 * Hands an authenticated request to webdav-server. Our own Authorization
 * header is removed first: webdav-server would try to check it against its
 * own (empty) user list and answer 401.
 */
export function delegateToDav(tree: DavFileTree, req: IncomingMessage, res: ServerResponse): void {
  delete req.headers.authorization;
  void refuseOverQuota(tree, req, res).then((answered) => {
    if (answered) return;
    if (req.method === 'PUT') void atomicPut(tree, req, res);
    else tree.dav.executeRequest(req, res);
  });
}

/**
 * PUT the way Apache, nginx and Nextcloud do it: into a temporary file that
 * only replaces the target once the whole body has arrived. webdav-server
 * writes straight into the target, so an aborted upload would leave a
 * truncated file behind (and race with the client's clean-up).
 */
async function atomicPut(tree: DavFileTree, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const answer = (status: number) => {
    req.resume();
    if (!res.headersSent) res.writeHead(status).end();
  };
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://fake.invalid').pathname);
  if (!pathname.startsWith(`${tree.mountPath}/`)) return answer(404);
  const target = resolve(tree.rootDir, `.${pathname.slice(tree.mountPath.length)}`);
  if (!target.startsWith(`${tree.rootDir}/`)) return answer(403);
  if (!(await stat(dirname(target)).then((info) => info.isDirectory(), () => false))) return answer(409);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) return answer(405);
  if (existing && req.headers['if-none-match'] === '*') return answer(412);
  const temp = join(tmpdir(), `docuvault-put-${randomUUID()}`);
  const hash = createHash('sha256');
  let corrupt = tree.corruptNextPut;
  tree.corruptNextPut = false;
  const storing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (corrupt && chunk.length > 0) {
        chunk = Buffer.from(chunk);
        chunk[0] = chunk[0]! ^ 0xff;
        corrupt = false;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(req, storing, createWriteStream(temp));
    if (!req.complete) throw new Error('aborted');
    await rename(temp, target);
  } catch {
    await rm(temp, { force: true });
    return answer(400);
  }
  res.writeHead(existing ? 204 : 201, tree.reportsHashes ? { 'X-Hash-SHA256': hash.digest('hex') } : {}).end();
}

/** Answers 507 when a PUT would take the tree over its quota, like a full account. Returns true when it answered. */
export async function refuseOverQuota(tree: DavFileTree, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'PUT' || tree.quotaBytes === null) return false;
  const incoming = Number(req.headers['content-length'] ?? 0);
  if ((await tree.usedBytes()) + incoming <= tree.quotaBytes) return false;
  req.resume();
  req.on('end', () => {
    res.writeHead(507, { 'Content-Type': 'text/plain' });
    res.end('Insufficient Storage');
  });
  return true;
}

/** Basic credentials of a request, or null. */
export function basicCredentials(req: IncomingMessage): { user: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/.exec(req.headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function unauthorized(res: ServerResponse, realm: string): void {
  res.writeHead(401, { 'WWW-Authenticate': `Basic realm="${realm}"`, 'Content-Type': 'text/plain' });
  res.end('Unauthorized');
}

/** Listens on 127.0.0.1 with an ephemeral port; `close` also cuts open keep-alive sockets. */
export async function listenLoopback(server: Server): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}


// ---- running a fake in its own process ------------------------------------
//
// The fakes run in a child process: the conformance suite measures the live
// memory of the test process while 48 MiB stream through, and a server in the
// same process both counts against that bound and, with forced collections
// every 10 ms, makes the transfer many times slower.

const SERVER_KIND_ENV = 'DOCUVAULT_TEST_SERVER';
const SERVER_OPTIONS_ENV = 'DOCUVAULT_TEST_SERVER_OPTIONS';

type Control = (...args: never[]) => unknown;
export type Controls = Record<string, Control>;

interface CallMessage {
  readonly type: 'call';
  readonly id: number;
  readonly op: string;
  readonly args: unknown[];
}

type ChildMessage =
  | { type: 'ready'; info: unknown }
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; message: string };

export interface ChildServer<Info> {
  readonly info: Info;
  call<T>(op: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

/** Starts `moduleUrl` (a file of tests/servers) as a child that serves the fake named `kind`. */
export async function spawnTestServer<Info>(moduleUrl: string, kind: string, options: unknown): Promise<ChildServer<Info>> {
  const child = fork(fileURLToPath(moduleUrl), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [SERVER_KIND_ENV]: kind, [SERVER_OPTIONS_ENV]: JSON.stringify(options) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const { reject } of pending.values()) reject(new Error(`the ${kind} test server exited`));
    pending.clear();
  });

  const info = await new Promise<Info>((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve(message.info as Info);
      else if (message.type === 'failed') reject(new Error(message.message));
      else {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.value);
        else waiter?.reject(new Error(message.message));
      }
    });
    void exited.then(() => reject(new Error(`the ${kind} test server exited before it was ready`)));
  });

  return {
    info,
    call<T>(op: string, ...args: unknown[]): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ type: 'call', id, op, args } satisfies CallMessage);
      });
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}

/** In the child: starts the fake when this process was spawned for `kind`, and answers control calls. */
export function serveIfSpawnedFor(kind: string, start: (options: never) => Promise<{ info: unknown; controls: Controls }>): void {
  const send = process.send?.bind(process);
  if (process.env[SERVER_KIND_ENV] !== kind || !send) return;
  process.on('disconnect', () => process.exit(0));
  void start(JSON.parse(process.env[SERVER_OPTIONS_ENV] ?? '{}') as never).then(
    ({ info, controls }) => {
      process.on('message', (message: CallMessage) => {
        Promise.resolve()
          .then(() => {
            const control = controls[message.op];
            if (!control) throw new Error(`unknown control ${message.op}`);
            return (control as (...args: unknown[]) => unknown)(...message.args);
          })
          .then(
            (value) => send({ type: 'reply', id: message.id, ok: true, value: value ?? null } satisfies ChildMessage),
            (error: unknown) => send({ type: 'reply', id: message.id, ok: false, message: String(error) } satisfies ChildMessage),
          );
      });
      send({ type: 'ready', info } satisfies ChildMessage);
    },
    (error: unknown) => {
      send({ type: 'failed', message: String(error) } satisfies ChildMessage, () => process.exit(1));
    },
  );
}

// ---- the WebDAV test server -----------------------------------------------

export interface WebDavTestServerOptions {
  readonly username?: string;
  readonly password?: string;
  /** Where the DAV tree is mounted (default '/dav'): the backend must cope with a base path. */
  readonly mountPath?: string;
  readonly quotaBytes?: number | null;
}

export interface WebDavTestServer {
  /** The DAV base URL to configure the backend with. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** The tree under the DAV root, e.g. ['DocuVault/', 'DocuVault/Taxes/', 'DocuVault/Taxes/report.pdf']. */
  files(): Promise<string[]>;
  /** Every request received, in order. */
  requests(): Promise<RecordedRequest[]>;
  /** Dead properties the server holds for a path below the DAV root ('/DocuVault/x.pdf'). */
  deadProperties(path: string): Promise<Record<string, string>>;
  /** Changes the quota (null = unlimited and not reported). */
  setQuota(bytes: number | null): Promise<void>;
  close(): Promise<void>;
}

interface WebDavChildOptions {
  readonly rootDir: string;
  readonly username: string;
  readonly password: string;
  readonly mountPath: string;
  readonly quotaBytes: number | null;
}

/** webdav-server on 127.0.0.1 (ephemeral port) over a temporary directory, with Basic authentication. */
export async function startWebDavServer(options: WebDavTestServerOptions = {}): Promise<WebDavTestServer> {
  const dir = await makeTempDir('docuvault-webdav-');
  const childOptions: WebDavChildOptions = {
    rootDir: dir.path,
    username: options.username ?? 'bob',
    password: options.password ?? 'correct horse battery staple',
    mountPath: options.mountPath ?? '/dav',
    quotaBytes: options.quotaBytes ?? null,
  };
  let child: ChildServer<{ port: number }>;
  try {
    child = await spawnTestServer<{ port: number }>(import.meta.url, 'webdav', childOptions);
  } catch (error) {
    await dir.remove();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${child.info.port}${childOptions.mountPath}/`,
    username: childOptions.username,
    password: childOptions.password,
    files: () => listTree(dir.path),
    requests: () => child.call('requests'),
    deadProperties: (path) => child.call('deadProperties', path),
    setQuota: (bytes) => child.call('setQuota', bytes),
    async close() {
      await child.close();
      await dir.remove();
    },
  };
}

async function runWebDavServer(options: WebDavChildOptions): Promise<{ info: { port: number }; controls: Controls }> {
  const tree = await createDavFileTree(options.rootDir, options.mountPath, options.quotaBytes);
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ at: Date.now(), method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers } });
    const credentials = basicCredentials(req);
    if (!credentials || credentials.user !== options.username || credentials.password !== options.password) {
      req.resume();
      unauthorized(res, 'DocuVault test WebDAV');
      return;
    }
    delegateToDav(tree, req, res);
  });
  const { port } = await listenLoopback(server);
  return {
    info: { port },
    controls: {
      requests: () => requests,
      deadProperties: (path: string) => tree.deadProperties(path),
      setQuota: (bytes: number | null) => {
        tree.quotaBytes = bytes;
      },
    },
  };
}

serveIfSpawnedFor('webdav', runWebDavServer);
