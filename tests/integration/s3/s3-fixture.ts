import { randomUUID } from 'node:crypto';
import { open, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Client } from 'minio';
import { S3Backend } from '../../../src-main/core/storage/s3/s3-backend';
import type { S3BackendOptions, S3ConnectionSettings, S3Credentials } from '../../../src-main/core/storage/s3/s3-config';
import type { ObjectHint, PutResult } from '../../../src-main/core/storage/storage-backend';
import { startFaultProxy, type FaultProxy } from '../../servers/fault-proxy';
import { S3RVER_CREDENTIALS, startS3Server, type S3TestServer } from '../../servers/s3-server';
import { makeTempDir } from '../../support/temp-dir';

export const MiB = 1024 * 1024;
/** The smallest part S3 allows: multipart tests stay small and fast with it. */
export const SMALL_PART = 5 * MiB;

/** s3rver in a child process, a fault proxy in front of it, and a way to make backends that talk through the proxy. */
export interface S3Fixture {
  readonly server: S3TestServer;
  readonly faults: FaultProxy;
  /** A minio client straight to s3rver (no proxy), to look at what was stored independently of the backend. */
  readonly inspector: Client;
  backend(overrides?: {
    settings?: Partial<S3ConnectionSettings>;
    credentials?: Partial<S3Credentials>;
    options?: S3BackendOptions;
  }): S3Backend;
  close(): Promise<void>;
}

export async function startS3Fixture(): Promise<S3Fixture> {
  const server = await startS3Server();
  const faults = await startFaultProxy(server.url);
  const url = new URL(server.url);
  const inspector = new Client({
    endPoint: url.hostname,
    port: Number(url.port),
    useSSL: false,
    region: 'us-east-1',
    pathStyle: true,
    accessKey: S3RVER_CREDENTIALS.accessKeyId,
    secretKey: S3RVER_CREDENTIALS.secretAccessKey,
  });
  return {
    server,
    faults,
    inspector,
    backend(overrides = {}) {
      return new S3Backend(
        { endpoint: faults.url, region: 'us-east-1', bucket: server.bucket, pathStyle: true, ...overrides.settings },
        { ...S3RVER_CREDENTIALS, ...overrides.credentials },
        { retry: { attempts: 3, baseDelayMs: 5 }, ...overrides.options },
      );
    },
    async close() {
      await faults.close();
      await server.close();
    },
  };
}

export const hintFor = (name = 'report.pdf', contentType = 'application/pdf'): ObjectHint => ({
  documentId: randomUUID(),
  name,
  folderPath: ['Tests'],
  contentType,
});

export function putBytes(backend: S3Backend, data: Buffer, hint: ObjectHint = hintFor()): Promise<PutResult> {
  return backend.put({ body: Readable.from([data]), size: data.length, hint });
}

/** Writes `data` to a temporary file and runs `work` with it open for reading, as the upload manager does for a dropped file. */
export async function withTempFile<T>(data: Uint8Array, work: (file: FileHandle) => Promise<T>): Promise<T> {
  const directory = await makeTempDir('docuvault-s3-file-');
  try {
    const path = join(directory.path, 'source.bin');
    await writeFile(path, data);
    const file = await open(path, 'r');
    try {
      return await work(file);
    } finally {
      await file.close();
    }
  } finally {
    await directory.remove();
  }
}

/** Deterministic, non-repeating bytes (so a part sent twice or out of order would change the digest). */
export function patternBytes(size: number, seed = 1): Buffer {
  const data = Buffer.allocUnsafe(Math.ceil(size / 4) * 4);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i += 4) {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    data.writeUInt32LE(state, i);
  }
  return data.subarray(0, size);
}

/** Requests the proxy saw since `from`, as "METHOD path". */
export function requestsSince(faults: FaultProxy, from: number): string[] {
  return faults.seen.slice(from).map(({ method, path }) => `${method} ${path}`);
}
