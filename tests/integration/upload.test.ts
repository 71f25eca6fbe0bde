import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../src-shared/contract';
import type { DocumentDto, DocumentPage } from '../../src-shared/domain';
import { readAll, sha256 } from '../support/streams';
import { bytesOf, startTestCore, type TestCore } from '../support/test-core';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

const listAll = async () => (await t.value<DocumentPage>('documents:list', { limit: 1000 })).items;

describe('documents:upload', () => {
  it('stores files from paths and from bytes, verified by SHA-256, and lists them ready', async () => {
    const path = join(t.dataDir, 'scan.pdf');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    await writeFile(path, pdf);
    const items = await t.uploadAndWait(t.defaultFolder.id, [
      { kind: 'path', path },
      { kind: 'bytes', name: 'notes.txt', bytes: bytesOf('hello') },
    ]);
    expect(items.map((i) => i.state)).toEqual(['done', 'done']);
    const docs = await listAll();
    const scan = docs.find((d) => d.name === 'scan.pdf')!;
    expect(scan).toMatchObject({ size: pdf.length, sha256: sha256(pdf), contentType: 'application/pdf', status: 'ready', backend: 'local' });
    const notes = docs.find((d) => d.name === 'notes.txt')!;
    expect(notes).toMatchObject({ size: 5, contentType: 'text/plain' });
    const content = await t.core.documents.openContent(scan.id);
    expect(await readAll(content.stream)).toEqual(pdf);
  });

  it('stores a zero-byte file', async () => {
    const [item] = await t.uploadAndWait(t.defaultFolder.id, [{ kind: 'bytes', name: 'empty.txt', bytes: new Uint8Array() }]);
    expect(item!.state).toBe('done');
    const doc = await t.value<DocumentDto>('documents:get', { id: item!.documentId });
    expect(doc.size).toBe(0);
    expect((await readAll((await t.core.documents.openContent(doc.id)).stream)).length).toBe(0);
  });

  it('keeps hostile names for display, safely, without letting them near the filesystem', async () => {
    const names = ['../../evil<>:"|?*.txt', 'C:\\x', 'CON', 'a\u0000b.txt', `${'long'.repeat(250)}.txt`, 'gift\u202Etxt.exe', '📄 résumé.txt'];
    const items = await t.uploadAndWait(
      t.defaultFolder.id,
      names.map((name) => ({ kind: 'bytes', name, bytes: bytesOf(name) })),
    );
    expect(items.every((i) => i.state === 'done')).toBe(true);
    const listed = (await listAll()).map((d) => d.name);
    expect(listed).toEqual(expect.arrayContaining(['../../evil<>:"|?*.txt', 'C:\\x', 'CON', 'ab.txt', 'gifttxt.exe', '📄 résumé.txt']));
    // eslint-disable-next-line no-control-regex -- asserting control characters are gone
    expect(listed.every((n) => Array.from(n).length <= 255 && !/[\u0000-\u001f\u202e]/.test(n))).toBe(true);
    // Every stored object sits at an opaque key inside the vault.
    const objects = await t.objectFiles();
    expect(objects).toHaveLength(names.length);
    for (const file of objects) expect(file.startsWith(join(t.dataDir, 'vault', 'objects'))).toBe(true);
    expect(objects.some((f) => /evil|CON|résumé/.test(f))).toBe(false);
  });

  it('gives a taken name a numbered suffix instead of overwriting', async () => {
    await t.uploadAndWait(t.defaultFolder.id, [{ kind: 'bytes', name: 'a.txt', bytes: bytesOf('1') }]);
    await t.uploadAndWait(t.defaultFolder.id, [
      { kind: 'bytes', name: 'A.txt', bytes: bytesOf('2') },
      { kind: 'bytes', name: 'a.txt', bytes: bytesOf('3') },
    ]);
    expect((await listAll()).map((d) => d.name).sort()).toEqual(['A (2).txt', 'a (3).txt', 'a.txt'].sort());
  });

  it('reports per-file and overall progress, throttled, ending with every file settled', async () => {
    await t.close();
    t = await startTestCore({ progressIntervalMs: 100 });
    const body = new PassThrough();
    const size = 4 * 1024 * 1024;
    const batch = await t.value<{ batchId: string; items: Array<{ uploadId: string }> }>(
      'documents:upload',
      { folderId: t.defaultFolder.id, sources: [{ kind: 'stream', ref: 'r', name: 'big.bin', size }] },
      { streams: new Map([['r', body]]) },
    );
    const chunk = Buffer.alloc(64 * 1024, 7);
    for (let sent = 0; sent < size; sent += chunk.length) {
      body.write(chunk);
      await new Promise((r) => setImmediate(r));
    }
    body.end();
    await t.core.uploads.idle();
    const progress = t.events.filter((e) => e.event === 'uploads:progress').map((e) => e.payload as EventMap['uploads:progress']);
    // 64 chunks written, but throttled to a handful of events.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.length).toBeLessThan(20);
    const last = progress.at(-1)!;
    expect(last.batchId).toBe(batch.batchId);
    expect(last.overall).toMatchObject({ bytesDone: size, bytesTotal: size, filesDone: 1, filesTotal: 1 });
    expect(last.items[0]).toMatchObject({ state: 'done', bytesDone: size });
    expect(progress.some((p) => p.overall.bytesDone > 0 && p.overall.bytesDone < size)).toBe(true);
    expect(t.events.some((e) => e.event === 'documents:changed')).toBe(true);
  });

  it('runs at most three uploads at a time', async () => {
    let active = 0;
    let peak = 0;
    await t.close();
    t = await startTestCore({
      decorateLocalBackend: (local) =>
        Object.assign(Object.create(local) as typeof local, {
          async put(request: Parameters<typeof local.put>[0]) {
            active++;
            peak = Math.max(peak, active);
            await new Promise((r) => setTimeout(r, 20));
            try {
              return await local.put(request);
            } finally {
              active--;
            }
          },
        }),
    });
    const items = await t.uploadAndWait(
      t.defaultFolder.id,
      Array.from({ length: 10 }, (_, i) => ({ kind: 'bytes', name: `f${i}.txt`, bytes: bytesOf(`file ${i}`) })),
    );
    expect(items.every((i) => i.state === 'done')).toBe(true);
    expect(peak).toBe(3);
  });

  it('cancels a running upload and leaves nothing behind', async () => {
    const body = new PassThrough();
    const batch = await t.value<{ items: Array<{ uploadId: string }> }>(
      'documents:upload',
      { folderId: t.defaultFolder.id, sources: [{ kind: 'stream', ref: 'r', name: 'slow.bin', size: 1_000_000 }] },
      { streams: new Map([['r', body]]) },
    );
    body.write(Buffer.alloc(100_000));
    await new Promise((r) => setTimeout(r, 30));
    expect(await t.value('documents:cancel-upload', { uploadId: batch.items[0]!.uploadId })).toEqual({ cancelled: true });
    await t.core.uploads.idle();
    const last = t.events.filter((e) => e.event === 'uploads:progress').at(-1)!.payload as EventMap['uploads:progress'];
    expect(last.items[0]).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } });
    expect(await listAll()).toEqual([]);
    expect(await t.partialFiles()).toEqual([]);
    expect(await t.objectFiles()).toEqual([]);
    expect(t.core.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0);
    expect(await t.value('documents:cancel-upload', { uploadId: batch.items[0]!.uploadId })).toEqual({ cancelled: false });
  });

  it('refuses an upload into a folder that does not exist', async () => {
    const result = await t.call('documents:upload', {
      folderId: '00000000-0000-4000-8000-000000000000',
      sources: [{ kind: 'bytes', name: 'x', bytes: bytesOf('x') }],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('uploads into a subfolder', async () => {
    const folder = await t.value<{ id: string }>('folders:create', { name: 'Taxes' });
    await mkdir(join(t.dataDir, 'in'));
    await writeFile(join(t.dataDir, 'in', 'w2.txt'), 'w2');
    await t.uploadAndWait(folder.id, [{ kind: 'path', path: join(t.dataDir, 'in', 'w2.txt') }]);
    const page = await t.value<DocumentPage>('documents:list', { folderId: folder.id });
    expect(page.items.map((d) => d.name)).toEqual(['w2.txt']);
    expect((await t.value<DocumentPage>('documents:list', { folderId: t.defaultFolder.id })).total).toBe(0);
  });
});

describe('uploads waiting for their first bytes', () => {
  it('can be cancelled, and a source closed without an error fails cleanly instead of hanging', async () => {
    const silent = new PassThrough();
    const closed = new PassThrough();
    const batch = await t.value<{ items: Array<{ uploadId: string }> }>(
      'documents:upload',
      {
        folderId: t.defaultFolder.id,
        sources: [
          { kind: 'stream', ref: 'silent', name: 'silent.bin', size: 10 },
          { kind: 'stream', ref: 'closed', name: 'closed.bin', size: 10 },
        ],
      },
      { streams: new Map([['silent', silent], ['closed', closed]]) },
    );
    await new Promise((r) => setTimeout(r, 20));
    await t.value('documents:cancel-upload', { uploadId: batch.items[0]!.uploadId });
    closed.destroy();
    await t.core.uploads.idle();
    const last = new Map<string, string>();
    for (const e of t.events) {
      if (e.event !== 'uploads:progress') continue;
      for (const item of (e.payload as EventMap['uploads:progress']).items) last.set(item.name, item.state);
    }
    expect(last.get('silent.bin')).toBe('cancelled');
    expect(['failed', 'cancelled']).toContain(last.get('closed.bin'));
    expect(await listAll()).toEqual([]);
  });
});
