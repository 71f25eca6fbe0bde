import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_LISTED_IDS } from '../../src-shared/channel-names';
import type { DocumentContentDto, DocumentDto, DocumentPage, FolderDto } from '../../src-shared/domain';
import { LocalBackend } from '../../src-main/core/storage/local-backend';
import { readAll } from '../support/streams';
import { bytesOf, startTestCore, type TestCore } from '../support/test-core';

let t: TestCore;
let saveTo: string | null;
beforeEach(async () => {
  saveTo = null;
  t = await startTestCore({
    dialogs: { chooseFilesToUpload: async () => [], chooseSavePath: async () => saveTo },
  });
});
afterEach(async () => {
  await t.close();
});

async function upload(name: string, text: string, folderId = t.defaultFolder.id): Promise<DocumentDto> {
  const [item] = await t.uploadAndWait(folderId, [{ kind: 'bytes', name, bytes: bytesOf(text) }]);
  return t.value<DocumentDto>('documents:get', { id: item!.documentId });
}

describe('documents:list', () => {
  it('pages, sorts by name, size and date, and filters by folder and name', async () => {
    let clock = Date.UTC(2025, 0, 1);
    await t.close();
    t = await startTestCore({ clock: { now: () => new Date((clock += 1000)) } });
    const folder = t.defaultFolder.id;
    const folderB = await t.value<FolderDto>('folders:create', { name: 'B' });
    await upload('b-invoice.pdf', '12345', folder);
    await upload('A-receipt.txt', '1', folder);
    await upload('c-invoice.txt', '123', folder);
    await upload('elsewhere-invoice.txt', '1234567', folderB.id);

    const names = async (input: object) => (await t.value<DocumentPage>('documents:list', input)).items.map((d) => d.name);
    expect(await names({ folderId: folder, sortBy: 'name', sortDir: 'asc' })).toEqual(['A-receipt.txt', 'b-invoice.pdf', 'c-invoice.txt']);
    expect(await names({ folderId: folder, sortBy: 'size', sortDir: 'desc' })).toEqual(['b-invoice.pdf', 'c-invoice.txt', 'A-receipt.txt']);
    expect(await names({ folderId: folder })).toEqual(['c-invoice.txt', 'A-receipt.txt', 'b-invoice.pdf']);
    expect(await names({ search: 'INVOICE', sortBy: 'name', sortDir: 'asc' })).toEqual(['b-invoice.pdf', 'c-invoice.txt', 'elsewhere-invoice.txt']);
    expect(await names({ folderId: folder, search: 'invoice', sortBy: 'name', sortDir: 'asc' })).toEqual(['b-invoice.pdf', 'c-invoice.txt']);
    expect(await names({ search: 'pd', sortBy: 'name' })).toEqual(['b-invoice.pdf']);
    expect(await names({ search: 'nothing-like-this' })).toEqual([]);
    expect(await names({ search: '"quoted' })).toEqual([]);

    const page1 = await t.value<DocumentPage>('documents:list', { sortBy: 'name', sortDir: 'asc', limit: 2, offset: 0 });
    const page2 = await t.value<DocumentPage>('documents:list', { sortBy: 'name', sortDir: 'asc', limit: 2, offset: 2 });
    expect(page1.total).toBe(4);
    expect([...page1.items, ...page2.items].map((d) => d.name)).toEqual([
      'A-receipt.txt',
      'b-invoice.pdf',
      'c-invoice.txt',
      'elsewhere-invoice.txt',
    ]);
  });

  it('refuses a folder that does not exist', async () => {
    expect(await t.call('documents:list', { folderId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('documents:list-ids', () => {
  it('answers the ids of the same listing, in the same order, for any span of it', async () => {
    const folder = t.defaultFolder.id;
    const folderB = await t.value<FolderDto>('folders:create', { name: 'B' });
    for (const name of ['b-invoice.pdf', 'A-receipt.txt', 'c-invoice.txt']) await upload(name, name, folder);
    await upload('elsewhere-invoice.txt', 'x', folderB.id);

    for (const query of [
      { folderId: folder, sortBy: 'name', sortDir: 'asc' },
      { folderId: folder, sortBy: 'size', sortDir: 'desc' },
      { search: 'invoice', sortBy: 'name', sortDir: 'desc' },
      { search: 'pd' },
      {},
    ]) {
      const listed = (await t.value<DocumentPage>('documents:list', query)).items.map((d) => d.id);
      expect((await t.value<{ ids: string[] }>('documents:list-ids', query)).ids).toEqual(listed);
      expect((await t.value<{ ids: string[] }>('documents:list-ids', { ...query, offset: 1, limit: 2 })).ids).toEqual(listed.slice(1, 3));
    }
  });

  it('refuses a folder that does not exist, and spans beyond its limit', async () => {
    expect(await t.call('documents:list-ids', { folderId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await t.call('documents:list-ids', { limit: MAX_LISTED_IDS + 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('documents:content', () => {
  it('returns the transport URL and streams whole documents and ranges', async () => {
    const doc = await upload('digits.txt', '0123456789');
    const info = await t.value<DocumentContentDto>('documents:content', { id: doc.id });
    expect(info).toEqual({ url: `test-content://${doc.id}`, contentType: 'text/plain', size: 10, name: 'digits.txt' });
    const part = await t.core.documents.openContent(doc.id, { start: 3, end: 100 });
    expect(part.range).toEqual({ start: 3, end: 9 });
    expect((await readAll(part.stream)).toString()).toBe('3456789');
    await expect(t.core.documents.openContent(doc.id, { start: 10, end: 12 })).rejects.toMatchObject({ name: 'RangeNotSatisfiableError' });
  });

  it('answers NOT_FOUND in words a person understands when the bytes are gone', async () => {
    const doc = await upload('gone.txt', 'gone');
    await rm(join(t.dataDir, 'vault', 'objects', LocalBackend.keyFor(doc.id)));
    const error = await t.core.documents.openContent(doc.id).catch((e) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/missing from its storage/) });
    expect(await t.call('documents:get', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'The document was not found. It may have been deleted.' },
    });
  });
});

describe('documents:rename and documents:move', () => {
  it('renames in the row, refusing a name taken in the folder', async () => {
    const a = await upload('a.txt', 'a');
    await upload('b.txt', 'b');
    const renamed = await t.value<DocumentDto>('documents:rename', { id: a.id, name: '  Résumé\u202E 2024.txt ' });
    expect(renamed.name).toBe('Résumé 2024.txt');
    expect(await t.call('documents:rename', { id: a.id, name: 'B.TXT' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await t.call('documents:rename', { id: a.id, name: '   ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Bytes are untouched by a rename.
    expect((await readAll((await t.core.documents.openContent(a.id)).stream)).toString()).toBe('a');
  });

  it('moves several documents to another folder, numbering clashes', async () => {
    const target = await t.value<FolderDto>('folders:create', { name: 'Archive' });
    await upload('same.txt', 'old', target.id);
    const one = await upload('same.txt', 'new');
    const two = await upload('two.txt', '2');
    const moved = await t.value<DocumentDto[]>('documents:move', { ids: [one.id, two.id], folderId: target.id });
    expect(moved.map((d) => [d.name, d.folderId])).toEqual([
      ['same (2).txt', target.id],
      ['two.txt', target.id],
    ]);
    expect((await t.value<DocumentPage>('documents:list', { folderId: t.defaultFolder.id })).total).toBe(0);
    expect((await readAll((await t.core.documents.openContent(one.id)).stream)).toString()).toBe('new');
  });
});

describe('documents:delete', () => {
  it('deletes bytes then rows, several at once, idempotently', async () => {
    const a = await upload('a.txt', 'a');
    const b = await upload('b.txt', 'b');
    const keep = await upload('keep.txt', 'k');
    expect(await t.value('documents:delete', { ids: [a.id, b.id] })).toEqual({ deleted: 2 });
    expect(await t.value('documents:delete', { ids: [a.id] })).toEqual({ deleted: 1 });
    const left = await t.value<DocumentPage>('documents:list', {});
    expect(left.items.map((d) => d.id)).toEqual([keep.id]);
    expect(await t.objectFiles()).toHaveLength(1);
    expect(t.events.some((e) => e.event === 'documents:changed')).toBe(true);
  });
});

describe('documents:export', () => {
  it('streams a copy to the path the save dialog chose', async () => {
    const doc = await upload('../../evil<>:"|?*.txt', 'exported bytes');
    saveTo = join(t.dataDir, 'saved.txt');
    expect(await t.value('documents:export', { id: doc.id })).toEqual({ saved: true, fileName: 'saved.txt' });
    expect(await readFile(saveTo, 'utf8')).toBe('exported bytes');
    expect((await readdir(t.dataDir)).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('suggests a sanitized file name and does nothing when the person cancels', async () => {
    const doc = await upload('../../evil<>:"|?*.txt', 'x');
    expect(t.core.documents.suggestedExportName(doc.id)).toBe('__.._evil_______.txt');
    saveTo = null;
    expect(await t.value('documents:export', { id: doc.id })).toEqual({ saved: false, fileName: null });
  });

  it('answers UNSUPPORTED where there are no native dialogs', async () => {
    await t.close();
    t = await startTestCore();
    const doc = await upload('x.txt', 'x');
    expect(await t.call('documents:export', { id: doc.id })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(await t.call('documents:upload-from-dialog', { folderId: t.defaultFolder.id })).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED' },
    });
  });
});

describe('documents:upload-from-dialog', () => {
  it('uploads what the person picked in the native dialog', async () => {
    await t.close();
    const { writeFile } = await import('node:fs/promises');
    const { makeTempDir } = await import('../support/temp-dir');
    const picked = await makeTempDir();
    await writeFile(join(picked.path, 'picked.txt'), 'picked');
    t = await startTestCore({ dialogs: { chooseFilesToUpload: async () => [join(picked.path, 'picked.txt')], chooseSavePath: async () => null } });
    const batch = await t.value<{ items: unknown[] }>('documents:upload-from-dialog', { folderId: t.defaultFolder.id });
    expect(batch.items).toHaveLength(1);
    await t.core.uploads.idle();
    expect((await t.value<DocumentPage>('documents:list', {})).items.map((d) => d.name)).toEqual(['picked.txt']);
    await picked.remove();
  });
});
