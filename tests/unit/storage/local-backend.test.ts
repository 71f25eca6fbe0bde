import { randomUUID } from 'node:crypto';
import { open, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/core/errors';
import { LocalBackend } from '../../../src-main/core/storage/local-backend';
import { ObjectNotFoundError, SourceReadFailure, type ObjectHint } from '../../../src-main/core/storage/storage-backend';
import { makeTempDir } from '../../support/temp-dir';
import { peakRetainedGrowth } from '../../support/memory';
import { generatedStream, manualStream, readAll, sha256 } from '../../support/streams';

let dir: { path: string; remove: () => Promise<void> };
let backend: LocalBackend;

beforeEach(async () => {
  dir = await makeTempDir();
  backend = new LocalBackend(join(dir.path, 'vault'));
  await backend.init();
});
afterEach(async () => {
  await dir.remove();
});

const hint = (name = 'report.pdf'): ObjectHint => ({ documentId: randomUUID(), name, folderPath: ['My Vault'], contentType: 'application/pdf' });
const partials = async () => readdir(join(dir.path, 'vault', 'tmp'));

describe('LocalBackend', () => {
  it('stores a stream and returns key, size and SHA-256 computed while streaming', async () => {
    const data = Buffer.from('hello vault');
    const result = await backend.put({ body: Readable.from([data]), size: data.length, hint: hint() });
    expect(result.size).toBe(data.length);
    expect(result.sha256).toBe(sha256(data));
    expect(await readAll(await backend.get(result.key))).toEqual(data);
    expect(await partials()).toEqual([]);
  });

  it('uses keys derived from the document id, never from the file name', async () => {
    const h = hint('../../../etc/passwd');
    const result = await backend.put({ body: Readable.from([Buffer.from('x')]), size: 1, hint: h });
    expect(result.key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(result.key).not.toContain('passwd');
    expect(result.key).toBe(LocalBackend.keyFor(h.documentId));
  });

  it('reads inclusive byte ranges', async () => {
    const data = Buffer.from('0123456789');
    const { key } = await backend.put({ body: Readable.from([data]), size: 10, hint: hint() });
    expect((await readAll(await backend.get(key, { range: { start: 2, end: 5 } }))).toString()).toBe('2345');
    expect((await readAll(await backend.get(key, { range: { start: 9, end: 9 } }))).toString()).toBe('9');
  });

  it('stores zero-byte objects', async () => {
    const result = await backend.put({ body: Readable.from([]), size: 0, hint: hint() });
    expect(result.sha256).toBe(sha256(new Uint8Array()));
    expect((await backend.stat(result.key))?.size).toBe(0);
  });

  it('answers a missing object with a typed NOT_FOUND', async () => {
    const key = LocalBackend.keyFor(randomUUID());
    await expect(backend.get(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect(await backend.stat(key)).toBeNull();
  });

  it('never lets a forged key escape the vault', async () => {
    for (const key of ['../../docuvault.sqlite', '/etc/passwd', 'ab/../../x', '']) {
      await expect(backend.get(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('deletes idempotently', async () => {
    const { key } = await backend.put({ body: Readable.from([Buffer.from('x')]), size: 1, hint: hint() });
    await backend.delete(key);
    await backend.delete(key);
    expect(await backend.stat(key)).toBeNull();
  });

  it('fails a body longer or shorter than declared and leaves nothing behind', async () => {
    const h1 = hint();
    await expect(backend.put({ body: Readable.from([Buffer.from('12345')]), size: 3, hint: h1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const h2 = hint();
    await expect(backend.put({ body: Readable.from([Buffer.from('1')]), size: 3, hint: h2 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await partials()).toEqual([]);
    expect(await backend.stat(LocalBackend.keyFor(h1.documentId))).toBeNull();
    expect(await backend.stat(LocalBackend.keyFor(h2.documentId))).toBeNull();
  });

  it('cancels mid-stream: the temporary file is removed and no object appears', async () => {
    const body = manualStream();
    const abort = new AbortController();
    const h = hint();
    const put = backend.put({ body, size: 1000, hint: h, signal: abort.signal });
    body.write(Buffer.alloc(100));
    await new Promise((r) => setTimeout(r, 20));
    expect((await partials()).length).toBe(1);
    abort.abort();
    await expect(put).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await partials()).toEqual([]);
    expect(await backend.stat(LocalBackend.keyFor(h.documentId))).toBeNull();
  });

  it('writes under a temporary name until the bytes are complete', async () => {
    const body = manualStream();
    const h = hint();
    const put = backend.put({ body, size: 6, hint: h });
    body.write('abc');
    await new Promise((r) => setTimeout(r, 20));
    expect(await backend.stat(LocalBackend.keyFor(h.documentId))).toBeNull();
    body.end('def');
    const result = await put;
    expect(await readFile(join(dir.path, 'vault', 'objects', result.key), 'utf8')).toBe('abcdef');
  });

  it('streams a large body with bounded memory', async () => {
    const size = 64 * 1024 * 1024;
    const source = generatedStream(size);
    const { result, growth } = await peakRetainedGrowth(() => backend.put({ body: source.stream, size, hint: hint() }));
    expect(result.sha256).toBe(source.digest());
    expect((await stat(join(dir.path, 'vault', 'objects', result.key))).size).toBe(size);
    // A few chunks in flight, never the file.
    expect(growth).toBeLessThan(8 * 1024 * 1024);
  });

  it('sweeps leftover partial files and reports health', async () => {
    const body = manualStream();
    void backend.put({ body, size: 10, hint: hint() }).catch(() => undefined);
    body.write('abc');
    await new Promise((r) => setTimeout(r, 20));
    body.destroy(new Error('crash'));
    await new Promise((r) => setTimeout(r, 20));
    expect(await backend.sweepPartials()).toBe(0);
    const health = await backend.healthCheck();
    expect(health.ok).toBe(true);
    expect(health.freeBytes).toBeGreaterThan(0);
  });

  it('reports a typed error, not a crash, when the vault is not writable', async () => {
    const broken = new LocalBackend(join(dir.path, 'missing', 'vault'));
    const error = await broken.put({ body: Readable.from([Buffer.from('x')]), size: 1, hint: hint() }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((await broken.healthCheck()).ok).toBe(false);
  });

  describe('putFile: files on this machine, read in place', () => {
    const source = async (bytes: Buffer) => {
      const path = join(dir.path, `${randomUUID()}.src`);
      await writeFile(path, bytes);
      return open(path, 'r');
    };

    it('stores the same bytes and SHA-256 as put, with progress', async () => {
      const data = Buffer.alloc(3 * 1024 * 1024 + 17, 9);
      data.write('start', 0);
      const file = await source(data);
      const progress: number[] = [];
      const result = await backend.putFile({ file, size: data.length, hint: hint(), onProgress: (n) => progress.push(n) });
      await file.close();
      expect(result).toMatchObject({ size: data.length, sha256: sha256(data) });
      expect(await readAll(await backend.get(result.key))).toEqual(data);
      expect(progress.at(-1)).toBe(data.length);
      expect(await partials()).toEqual([]);
    });

    it('refuses a file longer or shorter than announced and leaves nothing behind', async () => {
      const file = await source(Buffer.alloc(5000, 1));
      await expect(backend.putFile({ file, size: 4000, hint: hint() })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(backend.putFile({ file, size: 6000, hint: hint() })).rejects.toMatchObject({ code: 'CONFLICT' });
      await file.close();
      expect(await partials()).toEqual([]);
    });

    it('reports a source that cannot be read as such, not as a storage failure', async () => {
      const file = await source(Buffer.alloc(10));
      await file.close();
      await expect(backend.putFile({ file, size: 10, hint: hint() })).rejects.toBeInstanceOf(SourceReadFailure);
      expect(await partials()).toEqual([]);
    });

    it('stops when cancelled', async () => {
      const file = await source(Buffer.alloc(4 * 1024 * 1024));
      const abort = new AbortController();
      abort.abort();
      await expect(backend.putFile({ file, size: 4 * 1024 * 1024, hint: hint(), signal: abort.signal })).rejects.toMatchObject({
        code: 'CANCELLED',
      });
      await file.close();
      expect(await partials()).toEqual([]);
    });

    it('holds two chunks, never the file', async () => {
      const size = 64 * 1024 * 1024;
      const path = join(dir.path, 'big.src');
      const handle = await open(path, 'w');
      const block = Buffer.alloc(1024 * 1024, 3);
      for (let i = 0; i < 64; i++) await handle.write(block);
      await handle.close();
      const file = await open(path, 'r');
      const { result, growth } = await peakRetainedGrowth(() => backend.putFile({ file, size, hint: hint() }));
      await file.close();
      expect(result.size).toBe(size);
      expect(growth).toBeLessThan(8 * 1024 * 1024);
    });
  });
});
