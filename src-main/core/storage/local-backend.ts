import { createWriteStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, statfs, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { systemErrorCode, toStorageAppError } from '../errors';
import { BackgroundSha256 } from './background-sha256';
import { copyFileHashed } from './hashed-file-copy';
import { HashingCounter } from './hashing-counter';
import {
  ObjectNotFoundError,
  type BackendCapabilities,
  type FilePutRequest,
  type ByteRange,
  type HealthReport,
  type ObjectStat,
  type PutRequest,
  type PutResult,
  type StorageBackend,
} from './storage-backend';

const KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f]{32}$/;
const PARTIAL_SUFFIX = '.partial';
const READ_CHUNK = 1024 * 1024;
/** One hashing worker for the process, whatever the number of vaults open (tests open many). */
const sharedHasher = new BackgroundSha256();

/**
 * The built-in vault: opaque keys under the app's data directory, derived from
 * the document id (never from the person's file name). Every write goes to a
 * temporary file that is flushed to disk and then renamed, so a crash can never
 * leave a half-written object under its final name.
 */
export class LocalBackend implements StorageBackend {
  readonly kind = 'local' as const;
  readonly capabilities: BackendCapabilities = { presignedGet: false, presignedPut: false, followsNames: false };
  private readonly objectsDir: string;
  private readonly tmpDir: string;

  constructor(rootDir: string) {
    this.objectsDir = join(rootDir, 'objects');
    this.tmpDir = join(rootDir, 'tmp');
  }

  async init(): Promise<void> {
    await mkdir(this.objectsDir, { recursive: true, mode: 0o700 });
    await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
  }

  static keyFor(documentId: string): string {
    const hex = documentId.replace(/-/g, '').toLowerCase();
    const key = `${hex.slice(0, 2)}/${hex}`;
    if (!KEY_PATTERN.test(key)) throw new RangeError('document id is not a UUID');
    return key;
  }

  async put(request: PutRequest): Promise<PutResult> {
    const key = LocalBackend.keyFor(request.hint.documentId);
    const partial = join(this.tmpDir, `${randomUUID()}${PARTIAL_SUFFIX}`);
    const counter = new HashingCounter(request.size, request.onProgress);
    try {
      // `wx`: never overwrite; `flush`: fsync before close, so the rename below publishes durable bytes.
      const out = createWriteStream(partial, { flags: 'wx', mode: 0o600, flush: true, highWaterMark: READ_CHUNK });
      await pipeline(request.body, counter, out, request.signal ? { signal: request.signal } : {});
      const finalPath = this.pathFor(key);
      await mkdir(join(this.objectsDir, key.slice(0, 2)), { recursive: true, mode: 0o700 });
      await rename(partial, finalPath);
      await syncDirectory(join(this.objectsDir, key.slice(0, 2)));
      return { key, size: counter.bytes, sha256: counter.sha256 };
    } catch (error) {
      request.body.destroy();
      await rm(partial, { force: true }).catch(() => undefined);
      throw toStorageAppError(error, 'upload');
    }
  }

  /**
   * Copies a file on this machine into the vault without streams: reads,
   * writes and write-back on the I/O pool, the hash on a worker (see
   * copyFileHashed). Memory stays at a few reused chunks, with no garbage per chunk.
   */
  async putFile(request: FilePutRequest): Promise<PutResult> {
    const key = LocalBackend.keyFor(request.hint.documentId);
    const partial = join(this.tmpDir, `${randomUUID()}${PARTIAL_SUFFIX}`);
    let out: FileHandle | null = null;
    try {
      out = await open(partial, 'wx', 0o600);
      const sha256 = await copyFileHashed(request.file, out, { ...request, hasher: sharedHasher });
      await out.close();
      out = null;
      await mkdir(join(this.objectsDir, key.slice(0, 2)), { recursive: true, mode: 0o700 });
      await rename(partial, this.pathFor(key));
      await syncDirectory(join(this.objectsDir, key.slice(0, 2)));
      return { key, size: request.size, sha256 };
    } catch (error) {
      await out?.close().catch(() => undefined);
      await rm(partial, { force: true }).catch(() => undefined);
      throw toStorageAppError(error, 'upload');
    }
  }

  async get(key: string, options: { range?: ByteRange; signal?: AbortSignal } = {}): Promise<Readable> {
    let handle: FileHandle;
    try {
      handle = await open(this.pathFor(key), 'r');
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') throw new ObjectNotFoundError();
      throw toStorageAppError(error, 'download');
    }
    const range = options.range;
    return handle.createReadStream({
      highWaterMark: READ_CHUNK,
      ...(range ? { start: range.start, end: range.end } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  async delete(key: string): Promise<void> {
    try {
      await rm(this.pathFor(key), { force: true });
    } catch (error) {
      throw toStorageAppError(error, 'deletion');
    }
  }

  async stat(key: string): Promise<ObjectStat | null> {
    try {
      const info = await stat(this.pathFor(key));
      return { key, size: info.size, sha256: null, modifiedAt: info.mtime };
    } catch (error) {
      if (systemErrorCode(error) === 'ENOENT') return null;
      throw toStorageAppError(error, 'lookup');
    }
  }

  async healthCheck(): Promise<HealthReport> {
    try {
      const probe = join(this.tmpDir, `${randomUUID()}.probe${PARTIAL_SUFFIX}`);
      const handle = await open(probe, 'wx', 0o600);
      await handle.close();
      await rm(probe, { force: true });
      const fsInfo = await statfs(this.objectsDir);
      return { ok: true, message: 'The local vault is available.', freeBytes: fsInfo.bavail * fsInfo.bsize };
    } catch {
      return { ok: false, message: 'The local vault folder cannot be written to.', freeBytes: null };
    }
  }

  async discardIncomplete(documentId: string): Promise<void> {
    await this.delete(LocalBackend.keyFor(documentId));
  }

  /** Removes temporary files left by interrupted writes. Call only when no upload is running. */
  async sweepPartials(): Promise<number> {
    let removed = 0;
    for (const entry of await readdir(this.tmpDir).catch(() => [] as string[])) {
      if (!entry.endsWith(PARTIAL_SUFFIX)) continue;
      await rm(join(this.tmpDir, entry), { force: true });
      removed++;
    }
    return removed;
  }

  private pathFor(key: string): string {
    // Keys come from our own rows, but a corrupted or forged key must never escape the vault.
    if (!KEY_PATTERN.test(key)) throw new ObjectNotFoundError();
    return join(this.objectsDir, key);
  }
}

/** Makes a rename durable. Directories cannot be opened for syncing on Windows; that is fine there. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    /* some filesystems refuse fsync on directories */
  } finally {
    await handle.close();
  }
}
