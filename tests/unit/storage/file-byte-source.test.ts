import { randomBytes } from 'node:crypto';
import { appendFile, open, truncate, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SizeMismatchError } from '../../../src-main/core/storage/hashing-counter';
import { fillFully } from '../../../src-main/core/storage/sources/byte-source';
import { FileByteSource } from '../../../src-main/core/storage/sources/file-byte-source';
import { SourceReadFailure, type FilePutRequest } from '../../../src-main/core/storage/storage-backend';
import { sha256 } from '../../support/streams';
import { makeTempDir } from '../../support/temp-dir';

const hint = { documentId: '8b0c2a52-5f0e-4a53-9d3c-0c1f5b1f7a10', name: 'scan.bin', folderPath: [], contentType: 'application/octet-stream' };

let dir: Awaited<ReturnType<typeof makeTempDir>>;
const opened: FileHandle[] = [];
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((handle) => handle.close()));
  await dir.remove();
});

async function openForReading(path: string): Promise<FileHandle> {
  const handle = await open(path, 'r');
  opened.push(handle);
  return handle;
}

async function sourceOver(data: Uint8Array, extra: Partial<FilePutRequest> = {}) {
  const path = join(dir.path, `source-${opened.length}.bin`);
  await writeFile(path, data);
  const file = await openForReading(path);
  const progress: number[] = [];
  const seen: Buffer[] = [];
  const request: FilePutRequest = { file, size: data.length, hint, onProgress: (n) => progress.push(n), ...extra };
  return { path, progress, seen, source: new FileByteSource(request, (piece) => seen.push(Buffer.from(piece))) };
}

describe('FileByteSource', () => {
  it('reads the file in place into the caller’s buffer, hashing and reporting every byte once, in order', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 5);
    const { source, progress, seen } = await sourceOver(data);
    const target = Buffer.alloc(2 * 1024 * 1024);
    const first = Buffer.from(await fillFully(source, target));
    const rest = Buffer.alloc(data.length - target.length);
    await fillFully(source, rest);
    await source.finish();
    expect(Buffer.concat([first, rest]).equals(data)).toBe(true);
    expect(source.sha256).toBe(sha256(data));
    expect(Buffer.concat(seen).equals(data)).toBe(true);
    expect(progress.at(-1)).toBe(data.length);
    // Reads are at most 1 MiB, so a chunk's first bytes can go out while the rest is read.
    expect(Math.max(...seen.map((piece) => piece.length))).toBeLessThanOrEqual(1024 * 1024);
  });

  it('hashes bytes already read on request, a slice per event-loop turn, so a send on them keeps going', async () => {
    const data = randomBytes(3 * 1024 * 1024);
    const { source, seen } = await sourceOver(data);
    await fillFully(source, Buffer.alloc(data.length));
    // Hashing lags one read: the last 1 MiB waits until the caller asks or reads on.
    expect(Buffer.concat(seen).length).toBe(data.length - 1024 * 1024);
    let otherWorkRan = false;
    setImmediate(() => (otherWorkRan = true));
    await source.digestPending();
    expect(Buffer.concat(seen).equals(data)).toBe(true);
    expect(otherWorkRan).toBe(true);
    await source.finish();
    expect(source.sha256).toBe(sha256(data));
  });

  it('fills a target at an offset and answers the same position once the declared size is read', async () => {
    const { source } = await sourceOver(Buffer.from('abcdef'));
    const target = Buffer.alloc(10, '.');
    expect(await source.fillSome(target, 2, 10)).toBe(8);
    expect(target.toString()).toBe('..abcdef..');
    expect(await source.fillSome(target, 8, 10)).toBe(8);
    await source.finish();
  });

  it('refuses a file that shrank while being read', async () => {
    const { source, path } = await sourceOver(Buffer.alloc(100, 1));
    await truncate(path, 40);
    await expect(fillFully(source, Buffer.alloc(100))).rejects.toBeInstanceOf(SizeMismatchError);
  });

  it('refuses a file that grew while being read, even when every declared byte arrived', async () => {
    const { source, path } = await sourceOver(Buffer.alloc(100, 1));
    await fillFully(source, Buffer.alloc(100));
    await appendFile(path, 'more');
    await expect(source.finish()).rejects.toBeInstanceOf(SizeMismatchError);
    expect(() => source.sha256).toThrow();
  });

  it('reports a failing read as the source’s failure', async () => {
    const file = await openForReading(dir.path);
    const source = new FileByteSource({ file, size: 10, hint });
    await expect(source.fillSome(Buffer.alloc(10), 0, 10)).rejects.toBeInstanceOf(SourceReadFailure);
  });

  it('stops at cancellation: an aborted signal throws, a cancelled source reads nothing more', async () => {
    const controller = new AbortController();
    const { source } = await sourceOver(Buffer.alloc(10, 1), { signal: controller.signal });
    const target = Buffer.alloc(10);
    expect(await source.fillSome(target, 0, 5)).toBe(5);
    controller.abort();
    await expect(source.fillSome(target, 5, 10)).rejects.toMatchObject({ name: 'AbortError' });
    const other = await sourceOver(Buffer.alloc(10, 1));
    await other.source.cancel();
    expect(await other.source.fillSome(target, 0, 10)).toBe(0);
  });
});
