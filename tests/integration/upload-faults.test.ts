import { appendFile, chmod, mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../src-shared/contract';
import type { DocumentPage, UploadItemDto } from '../../src-shared/domain';
import type { LocalBackend } from '../../src-main/core/storage/local-backend';
import type { FilePutRequest, PutRequest, StorageBackend } from '../../src-main/core/storage/storage-backend';
import { readAll } from '../support/streams';
import { bytesOf, startTestCore, type TestCore } from '../support/test-core';

let t: TestCore;
afterEach(async () => {
  await t.close();
});

/** A backend whose writes fail like a full disk for names starting with "full". */
function diskFullFor(local: LocalBackend): StorageBackend {
  return Object.assign(Object.create(local) as LocalBackend, {
    async put(request: PutRequest) {
      if (!request.hint.name.startsWith('full')) return local.put(request);
      // Consume a little, then fail the way fs does when the disk is full.
      for await (const _chunk of request.body) break;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
    },
  });
}

/** Holds every put until the test says go, so the test can change the source file mid-upload. */
function gatedBackend(local: LocalBackend, gate: Promise<void>): StorageBackend {
  return Object.assign(Object.create(local) as LocalBackend, {
    async put(request: PutRequest) {
      await gate;
      return local.put(request);
    },
    async putFile(request: FilePutRequest) {
      await gate;
      return local.putFile(request);
    },
  });
}

describe('upload faults: a clear typed error, the rest of the batch continues, nothing stored is lost', () => {
  it('a path that does not exist, a directory, and an unreadable file each fail alone', async () => {
    t = await startTestCore();
    await t.uploadAndWait(t.defaultFolder.id, [{ kind: 'bytes', name: 'kept.txt', bytes: bytesOf('kept') }]);
    const good = join(t.dataDir, 'good.txt');
    await writeFile(good, 'good');
    const dir = join(t.dataDir, 'a-folder');
    await mkdir(dir);
    const unreadable = join(t.dataDir, 'secret.txt');
    await writeFile(unreadable, 'secret');
    await chmod(unreadable, 0o000);
    // Root ignores file modes; /proc/self/mem exists yet fails on read, which stands in for an unreadable file there.
    const unreadablePath = process.getuid?.() === 0 ? '/proc/self/mem' : unreadable;
    const items = await t.uploadAndWait(t.defaultFolder.id, [
      { kind: 'path', path: join(t.dataDir, 'missing.pdf') },
      { kind: 'path', path: dir },
      { kind: 'path', path: unreadablePath },
      { kind: 'path', path: good },
    ]);
    expect(items.map((i) => i.state)).toEqual(['failed', 'failed', 'failed', 'done']);
    expect(items[0]!.error).toEqual({ code: 'NOT_FOUND', message: '“missing.pdf” could not be found. It may have been moved or deleted.' });
    expect(items[1]!.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('is a folder') });
    expect(items[2]!.error?.code).toBe('VALIDATION');
    expect(items[2]!.error?.message).toMatch(/could not be read|not allowed to read/);
    expect(items[2]!.error?.message).not.toMatch(/EIO|EACCES|errno|\/proc/);
    const names = (await t.value<DocumentPage>('documents:list', {})).items.map((d) => d.name).sort();
    expect(names).toEqual(['good.txt', 'kept.txt']);
    expect(await t.partialFiles()).toEqual([]);
  });

  it('a file that grows or shrinks while it is read is refused, not stored half-done', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    t = await startTestCore({ decorateLocalBackend: (local) => gatedBackend(local, gate) });
    const growing = join(t.dataDir, 'growing.log');
    const shrinking = join(t.dataDir, 'shrinking.log');
    await writeFile(growing, Buffer.alloc(3 * 1024 * 1024, 1));
    await writeFile(shrinking, Buffer.alloc(3 * 1024 * 1024, 2));
    await t.value('documents:upload', {
      folderId: t.defaultFolder.id,
      sources: [
        { kind: 'path', path: growing },
        { kind: 'path', path: shrinking },
      ],
    });
    // Both files are open and sized; now they change under the upload.
    await new Promise((r) => setTimeout(r, 50));
    await appendFile(growing, Buffer.alloc(1024, 3));
    await truncate(shrinking, 1024 * 1024);
    open();
    await t.core.uploads.idle();
    const last = new Map<string, UploadItemDto>();
    for (const e of t.events) {
      if (e.event !== 'uploads:progress') continue;
      for (const item of (e.payload as EventMap['uploads:progress']).items) last.set(item.name, item);
    }
    expect(last.get('growing.log')).toMatchObject({ state: 'failed', error: { code: 'CONFLICT' } });
    expect(last.get('shrinking.log')).toMatchObject({ state: 'failed', error: { code: 'CONFLICT' } });
    expect((await t.value<DocumentPage>('documents:list', {})).total).toBe(0);
    expect(await t.objectFiles()).toEqual([]);
    expect(await t.partialFiles()).toEqual([]);
  });

  it('a stream that delivers more or fewer bytes than announced is refused', async () => {
    t = await startTestCore();
    const { Readable } = await import('node:stream');
    const items = await t.uploadAndWait(
      t.defaultFolder.id,
      [
        { kind: 'stream', ref: 'long', name: 'long.bin', size: 3 },
        { kind: 'stream', ref: 'short', name: 'short.bin', size: 30 },
      ],
      { streams: new Map([['long', Readable.from([Buffer.from('0123456789')])], ['short', Readable.from([Buffer.from('01')])]]) },
    );
    expect(items.map((i) => i.error?.code)).toEqual(['CONFLICT', 'CONFLICT']);
    expect(await t.objectFiles()).toEqual([]);
  });

  it('a full disk fails the file with QUOTA_EXCEEDED, the others are stored, earlier documents survive', async () => {
    t = await startTestCore({ decorateLocalBackend: diskFullFor });
    await t.uploadAndWait(t.defaultFolder.id, [{ kind: 'bytes', name: 'earlier.txt', bytes: bytesOf('earlier') }]);
    const items = await t.uploadAndWait(t.defaultFolder.id, [
      { kind: 'bytes', name: 'before.txt', bytes: bytesOf('before') },
      { kind: 'bytes', name: 'full.bin', bytes: new Uint8Array(100_000) },
      { kind: 'bytes', name: 'after.txt', bytes: bytesOf('after') },
    ]);
    expect(items.map((i) => i.state)).toEqual(['done', 'failed', 'done']);
    expect(items[1]!.error).toEqual({ code: 'QUOTA_EXCEEDED', message: 'There is not enough disk space to complete the upload.' });
    const docs = (await t.value<DocumentPage>('documents:list', { sortBy: 'name', sortDir: 'asc' })).items;
    expect(docs.map((d) => d.name)).toEqual(['after.txt', 'before.txt', 'earlier.txt']);
    const earlier = docs.find((d) => d.name === 'earlier.txt')!;
    expect((await readAll((await t.core.documents.openContent(earlier.id)).stream)).toString()).toBe('earlier');
    expect(t.core.db.prepare("SELECT COUNT(*) FROM documents WHERE status = 'uploading'").pluck().get()).toBe(0);
  });
});
