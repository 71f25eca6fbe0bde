import { randomBytes } from 'node:crypto';
import { open, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAbortError } from '../../../src-main/core/errors';
import { SourceReadFailure, type FilePutRequest, type ObjectHint, type PutResult } from '../../../src-main/core/storage/storage-backend';
import { WebDavBackend, type WebDavOptions } from '../../../src-main/core/storage/webdav/webdav-backend';
import { startFaultProxy, type FaultProxy } from '../../servers/fault-proxy';
import { startWebDavServer, type WebDavTestServer } from '../../servers/webdav-server';
import { readAll, sha256 } from '../../support/streams';
import { makeTempDir } from '../../support/temp-dir';
import { hint, rejectionOf } from './dav-test-helpers';
import { startSlowReaderProxy, type SlowReaderProxy } from './slow-reader-proxy';

const MIB = 1024 * 1024;
/** Above it a file goes up in one streamed PUT, written from two reused buffers. */
const BUFFERED_LIMIT = MIB;
const OPTIONS: WebDavOptions = { retry: { baseDelayMs: 5, maxDelayMs: 50, random: () => 1 }, bufferedUploadLimit: BUFFERED_LIMIT };

function stagingLeftovers(files: string[]): string[] {
  return files.filter((path) => path.startsWith('DocuVault/.docuvault-staging/') && !path.endsWith('/'));
}

describe('WebDAV: files on this machine, read in place (putFile)', () => {
  let server: WebDavTestServer;
  let faults: FaultProxy;
  let slow: SlowReaderProxy;
  let files: Awaited<ReturnType<typeof makeTempDir>>;
  /** Straight to the server: an aborted upload must reach it (the fault proxy does not pass aborts on). */
  let direct: WebDavBackend;
  const extraBackends: WebDavBackend[] = [];

  beforeAll(async () => {
    server = await startWebDavServer();
    faults = await startFaultProxy(server.url);
    slow = await startSlowReaderProxy(server.url);
    files = await makeTempDir('docuvault-webdav-put-file-');
    direct = new WebDavBackend({ url: server.url, username: server.username }, { password: server.password }, OPTIONS);
  });
  afterAll(async () => {
    direct.close();
    for (const backend of extraBackends) backend.close();
    await slow.close();
    await faults.close();
    await server.close();
    await files.remove();
  });

  const backendAt = (url: string) => {
    const backend = new WebDavBackend({ url, username: server.username }, { password: server.password }, OPTIONS);
    extraBackends.push(backend);
    return backend;
  };

  /** Writes `data` to a file and runs `work` with it open for reading, as the upload manager does. */
  const withFile = async <T>(data: Uint8Array, work: (file: FileHandle) => Promise<T>): Promise<T> => {
    const path = join(files.path, `${Math.random().toString(36).slice(2)}.bin`);
    await writeFile(path, data);
    const file = await open(path, 'r');
    try {
      return await work(file);
    } finally {
      await file.close();
    }
  };

  type Extras = Pick<FilePutRequest, 'signal' | 'onProgress'>;
  const putFile = (backend: WebDavBackend, file: FileHandle, size: number, objectHint: ObjectHint, extras: Extras = {}): Promise<PutResult> =>
    backend.putFile({ file, size, hint: objectHint, ...extras });

  it('stores a large file intact when the server reads slowly: a buffer is refilled only after its write was flushed', async () => {
    // Random bytes: a buffer refilled while its previous piece was still waiting to go out would send the wrong piece.
    const data = randomBytes(24 * MIB + 3);
    const backend = backendAt(slow.url);
    const progress: number[] = [];
    const onProgress = (bytes: number) => progress.push(bytes);
    const result = await withFile(data, (file) => putFile(backend, file, data.length, hint('slow.bin', ['PutFile']), { onProgress }));
    expect(result).toMatchObject({ key: 'DocuVault/PutFile/slow.bin', size: data.length, sha256: sha256(data) });
    expect(sha256(await readAll(await direct.get(result.key)))).toBe(sha256(data));
    expect(progress.at(-1)).toBe(data.length);
  });

  it('refuses a file that grew or shrank while being read (streamed) as CONFLICT, leaving nothing behind', async () => {
    const data = randomBytes(3 * MIB + 17);
    await withFile(data, async (file) => {
      for (const announced of [data.length - 1, data.length - MIB, data.length + 1, data.length + MIB]) {
        const objectHint = hint(`changed-${announced}.bin`, ['PutFile']);
        expect(await rejectionOf(putFile(direct, file, announced, objectHint))).toMatchObject({ code: 'CONFLICT' });
      }
    });
    const stored = await server.files();
    expect(stagingLeftovers(stored)).toEqual([]);
    expect(stored.filter((path) => path.includes('changed-'))).toEqual([]);
  });

  it('reports a file that cannot be read (streamed) as the source failing, and removes the partial upload', async () => {
    const directory = await open(files.path, 'r');
    try {
      const error = await rejectionOf(putFile(direct, directory, 3 * MIB, hint('unreadable.bin', ['PutFile'])));
      expect(error).toBeInstanceOf(SourceReadFailure);
    } finally {
      await directory.close();
    }
    expect(stagingLeftovers(await server.files())).toEqual([]);
  });

  it('is cancelled mid-way by its signal, leaving nothing behind', async () => {
    const data = randomBytes(8 * MIB);
    const cancel = new AbortController();
    const error = await withFile(data, (file) =>
      rejectionOf(
        putFile(direct, file, data.length, hint('cancelled.bin', ['PutFile']), {
          signal: cancel.signal,
          onProgress: (bytes) => {
            if (bytes >= 2 * MIB) cancel.abort();
          },
        }),
      ),
    );
    expect(isAbortError(error)).toBe(true);
    const stored = await server.files();
    expect(stagingLeftovers(stored)).toEqual([]);
    expect(stored).not.toContain('DocuVault/PutFile/cancelled.bin');
  });

  it('sends a streamed file once: a 503 on its PUT fails the upload cleanly', async () => {
    const backend = backendAt(faults.url);
    const data = randomBytes(3 * MIB);
    const before = faults.seen.filter((request) => request.method === 'PUT').length;
    faults.inject({ kind: 'status', status: 503 }, { method: 'PUT' });
    const error = await withFile(data, (file) => rejectionOf(putFile(backend, file, data.length, hint('once.bin', ['PutFile']))));
    expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(faults.seen.filter((request) => request.method === 'PUT').length - before).toBe(1);
    expect(stagingLeftovers(await server.files())).toEqual([]);
  });

  it('stops at a 401 answering a streamed file: REAUTH_REQUIRED, and nothing more is sent', async () => {
    const backend = backendAt(faults.url);
    const data = randomBytes(3 * MIB);
    faults.inject({ kind: 'status', status: 401 }, { method: 'PUT' });
    const error = await withFile(data, (file) => rejectionOf(putFile(backend, file, data.length, hint('refused.bin', ['PutFile']))));
    expect(error).toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'unauthorized' });
    const seen = faults.seen.length;
    expect(faults.seen.at(-1)).toMatchObject({ method: 'PUT' });
    await withFile(data, (file) => expect(putFile(backend, file, data.length, hint('again.bin'))).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' }));
    expect(faults.seen.length).toBe(seen);
  });
});
