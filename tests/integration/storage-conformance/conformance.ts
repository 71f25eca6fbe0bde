import { randomBytes, randomUUID } from 'node:crypto';
import { open, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAbortError } from '../../../src-main/core/errors';
import type { CloudAuthReason } from '../../../src-main/core/storage/backend-errors';
import { SourceReadFailure, type ObjectHint, type StorageBackend } from '../../../src-main/core/storage/storage-backend';
import type { FaultProxy } from '../../servers/fault-proxy';
import { peakRetainedGrowth } from '../../support/memory';
import { generatedStream, readAll, sha256 } from '../../support/streams';
import { makeTempDir } from '../../support/temp-dir';

export interface ConformanceSubject {
  readonly backend: StorageBackend;
  /** Present when the backend talks to its server through a fault-injecting proxy. */
  readonly faults?: FaultProxy;
  cleanup(): Promise<void>;
}

export interface ConformanceOptions {
  /** Size of the large streamed file (default 48 MiB). */
  readonly largeFileBytes?: number;
  /** Live-memory growth allowed while streaming the large file (default 24 MiB: one or two parts, never the file). */
  readonly memoryBoundBytes?: number;
  /** False for backends without a network (the local vault): no fault-injection tests apply. */
  readonly network?: boolean;
  /** The reason a 401 raises (default 'unauthorized'; bearer-token backends say 'token_expired'). */
  readonly authFailureReason?: CloudAuthReason;
}

const hint = (name = 'report.pdf', folderPath: string[] = ['Conformance']): ObjectHint => ({
  documentId: randomUUID(),
  name,
  folderPath,
  contentType: 'application/octet-stream',
});

async function putText(backend: StorageBackend, text: string, h: ObjectHint = hint()) {
  const data = Buffer.from(text);
  return backend.put({ body: Readable.from([data]), size: data.length, hint: h });
}

/**
 * The contract every storage backend keeps, run against each one:
 * the local vault, S3 (s3rver), WebDAV (webdav-server), Nextcloud (fake).
 */
export function describeBackendConformance(
  name: string,
  setup: () => Promise<ConformanceSubject>,
  options: ConformanceOptions = {},
): void {
  describe(`storage conformance: ${name}`, () => {
    let subject: ConformanceSubject;
    let backend: StorageBackend;
    let files: Awaited<ReturnType<typeof makeTempDir>>;
    beforeAll(async () => {
      files = await makeTempDir('docuvault-conformance-');
      subject = await setup();
      backend = subject.backend;
    });
    afterAll(async () => {
      await subject?.cleanup();
      await files?.remove();
    });

    /** Writes `data` to a file and runs `work` with it open for reading, as the upload manager does for a dropped file. */
    const withFile = async <T>(data: Uint8Array, work: (file: FileHandle) => Promise<T>): Promise<T> => {
      const path = join(files.path, randomUUID());
      await writeFile(path, data);
      const file = await open(path, 'r');
      try {
        return await work(file);
      } finally {
        await file.close();
      }
    };
    const putFile = (file: FileHandle, size: number, h: ObjectHint = hint()) => {
      if (!backend.putFile) throw new Error(`${name} cannot read a file in place (putFile)`);
      return backend.putFile({ file, size, hint: h });
    };

    it('puts a stream and gets the same bytes back, with size and SHA-256', async () => {
      const data = Buffer.from('The quick brown fox jumps over the lazy dog');
      const result = await backend.put({ body: Readable.from([data]), size: data.length, hint: hint() });
      expect(result).toMatchObject({ size: data.length, sha256: sha256(data) });
      expect(await readAll(await backend.get(result.key))).toEqual(data);
    });

    it('serves inclusive byte ranges', async () => {
      const { key } = await putText(backend, '0123456789');
      expect((await readAll(await backend.get(key, { range: { start: 0, end: 0 } }))).toString()).toBe('0');
      expect((await readAll(await backend.get(key, { range: { start: 3, end: 6 } }))).toString()).toBe('3456');
      expect((await readAll(await backend.get(key, { range: { start: 9, end: 9 } }))).toString()).toBe('9');
    });

    it('stats an object and answers null for a missing one', async () => {
      const { key } = await putText(backend, 'stat me');
      expect(await backend.stat(key)).toMatchObject({ key, size: 7 });
      await backend.delete(key);
      expect(await backend.stat(key)).toBeNull();
    });

    it('deletes idempotently; a deleted object is NOT_FOUND', async () => {
      const { key } = await putText(backend, 'delete me');
      await backend.delete(key);
      await backend.delete(key);
      await expect(backend.get(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('stores zero-byte objects', async () => {
      const result = await backend.put({ body: Readable.from([]), size: 0, hint: hint('empty.txt') });
      expect(result.sha256).toBe(sha256(new Uint8Array()));
      expect((await readAll(await backend.get(result.key))).length).toBe(0);
      expect((await backend.stat(result.key))?.size).toBe(0);
    });

    it('keeps Unicode and awkward names intact', async () => {
      const h = hint('📄 Résumé (final) #1 ?&%.pdf', ['Taxes & Returns', '2024 ünï 😀']);
      const result = await putText(backend, 'unicode', h);
      expect((await readAll(await backend.get(result.key))).toString()).toBe('unicode');
      const again = await putText(backend, 'same name', { ...h, documentId: randomUUID() });
      expect(again.key).not.toBe(result.key);
      expect((await readAll(await backend.get(result.key))).toString()).toBe('unicode');
      expect((await readAll(await backend.get(again.key))).toString()).toBe('same name');
    });

    it('handles concurrent puts', async () => {
      const texts = Array.from({ length: 6 }, (_, i) => `concurrent ${i} ${'x'.repeat(i * 1000)}`);
      const results = await Promise.all(texts.map((text, i) => putText(backend, text, hint(`same-${i % 2}.txt`))));
      for (const [i, result] of results.entries()) {
        expect((await readAll(await backend.get(result.key))).toString()).toBe(texts[i]);
      }
    });

    it('refuses a body that is shorter than announced', async () => {
      await expect(
        backend.put({ body: Readable.from([Buffer.from('short')]), size: 50, hint: hint() }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('streams a large file with bounded memory', async () => {
      const size = options.largeFileBytes ?? 48 * 1024 * 1024;
      const bound = options.memoryBoundBytes ?? 24 * 1024 * 1024;
      const source = generatedStream(size);
      const { result, growth } = await peakRetainedGrowth(() => backend.put({ body: source.stream, size, hint: hint('large.bin') }));
      expect(result.sha256).toBe(source.digest());
      expect(result.size).toBe(size);
      const tail = await backend.get(result.key, { range: { start: size - 10, end: size - 1 } });
      expect((await readAll(tail)).length).toBe(10);
      expect(growth).toBeLessThan(bound);
    });

    describe('files on this machine, read in place (putFile)', () => {
      it('stores a file of several chunks with its size and SHA-256, reporting progress', async () => {
        const data = randomBytes(9 * 1024 * 1024 + 7);
        const progress: number[] = [];
        const result = await withFile(data, (file) => {
          if (!backend.putFile) throw new Error(`${name} cannot read a file in place (putFile)`);
          return backend.putFile({ file, size: data.length, hint: hint('scan.bin'), onProgress: (bytes) => progress.push(bytes) });
        });
        expect(result).toMatchObject({ size: data.length, sha256: sha256(data) });
        // Compared by digest: element-wise equality of 9 MiB would take longer than the upload.
        expect(sha256(await readAll(await backend.get(result.key)))).toBe(sha256(data));
        expect(progress.at(-1)).toBe(data.length);
        expect(progress).toEqual([...progress].sort((a, b) => a - b));
      });

      it('stores an empty file', async () => {
        const result = await withFile(new Uint8Array(), (file) => putFile(file, 0, hint('empty.txt')));
        expect(result.sha256).toBe(sha256(new Uint8Array()));
        expect((await readAll(await backend.get(result.key))).length).toBe(0);
      });

      it('refuses a file that is shorter or longer than announced, as a changed file', async () => {
        const data = Buffer.from('the file changed while it was being uploaded');
        await withFile(data, async (file) => {
          await expect(putFile(file, data.length + 10)).rejects.toMatchObject({ code: 'CONFLICT' });
          await expect(putFile(file, data.length - 10)).rejects.toMatchObject({ code: 'CONFLICT' });
        });
      });

      it('reports a file that cannot be read as the source failing, not the storage', async () => {
        // Reading a directory fails with EISDIR: the stand-in for a file on a failing disk.
        const directory = await open(files.path, 'r');
        try {
          await expect(putFile(directory, 4096)).rejects.toBeInstanceOf(SourceReadFailure);
        } finally {
          await directory.close();
        }
      });

      it('stops when the upload is cancelled', async () => {
        const data = randomBytes(64 * 1024);
        const cancel = new AbortController();
        cancel.abort();
        await withFile(data, async (file) => {
          if (!backend.putFile) throw new Error(`${name} cannot read a file in place (putFile)`);
          const failure = await backend.putFile({ file, size: data.length, hint: hint(), signal: cancel.signal }).then(
            () => null,
            (error: unknown) => error,
          );
          expect(isAbortError(failure)).toBe(true);
        });
      });

      it('reads a large file with bounded memory', async () => {
        const size = options.largeFileBytes ?? 48 * 1024 * 1024;
        const bound = options.memoryBoundBytes ?? 24 * 1024 * 1024;
        const source = generatedStream(size);
        const path = join(files.path, 'large.bin');
        await writeFile(path, source.stream);
        const file = await open(path, 'r');
        try {
          const { result, growth } = await peakRetainedGrowth(() => putFile(file, size, hint('large.bin')));
          expect(result).toMatchObject({ size, sha256: source.digest() });
          expect(growth).toBeLessThan(bound);
        } finally {
          await file.close();
        }
      });
    });

    it('reports health', async () => {
      const health = await backend.healthCheck();
      expect(health.ok).toBe(true);
      expect(typeof health.message).toBe('string');
    });

    it('discards an interrupted upload idempotently', async () => {
      await backend.discardIncomplete(randomUUID());
    });

    it('follows renames and moves when its layout uses names', async () => {
      if (!backend.capabilities.followsNames) {
        expect(backend.relocate).toBeUndefined();
        return;
      }
      const h = hint('before.txt', ['From']);
      const { key } = await putText(backend, 'relocated', h);
      const newKey = await backend.relocate!(key, { ...h, name: 'after.txt', folderPath: ['To', 'Nested'] });
      expect((await readAll(await backend.get(newKey))).toString()).toBe('relocated');
      if (newKey !== key) await expect(backend.get(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    if (options.network === false) return;

    describe('transient faults', () => {
      const requireFaults = () => {
        if (!subject.faults) throw new Error(`${name}: conformance needs a fault proxy in front of the server`);
        return subject.faults;
      };

      it('retries a 503 on upload', async () => {
        const faults = requireFaults();
        faults.inject({ kind: 'status', status: 503 }, { method: 'PUT' });
        const result = await putText(backend, 'after a 503');
        expect(faults.pendingFaults()).toBe(0);
        expect((await readAll(await backend.get(result.key))).toString()).toBe('after a 503');
      });

      it('honours 429 with Retry-After on download', async () => {
        const faults = requireFaults();
        const { key } = await putText(backend, 'after a 429');
        faults.inject({ kind: 'status', status: 429, headers: { 'Retry-After': '1' } }, { method: 'GET' });
        expect((await readAll(await backend.get(key))).toString()).toBe('after a 429');
        expect(faults.pendingFaults()).toBe(0);
      });

      it('retries a connection reset', async () => {
        const faults = requireFaults();
        const { key } = await putText(backend, 'after a reset');
        faults.inject({ kind: 'reset' }, { method: 'GET' });
        expect((await readAll(await backend.get(key))).toString()).toBe('after a reset');
        expect(faults.pendingFaults()).toBe(0);
      });

      it('does not retry 401: the connection needs re-authentication', async () => {
        const faults = requireFaults();
        const { key } = await putText(backend, 'unauthorized');
        const before = faults.seen.length;
        faults.inject({ kind: 'status', status: 401 }, { method: 'GET' });
        await expect(backend.get(key)).rejects.toMatchObject({
          code: 'REAUTH_REQUIRED',
          reason: options.authFailureReason ?? 'unauthorized',
        });
        expect(faults.seen.length - before).toBe(1);
      });
    });
  });
}
