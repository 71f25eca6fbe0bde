import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentPage, FolderDto } from '../../src-shared/domain';
import { bytesOf, startTestCore, type TestCore } from '../support/test-core';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

const folders = () => t.value<FolderDto[]>('folders:list', {});

describe('folders', () => {
  it('always has the built-in "My Vault" on the local backend, even after a restart', async () => {
    const [vault] = await folders();
    expect(vault).toMatchObject({ name: 'My Vault', backend: 'local', isDefault: true, parentId: null, documentCount: 0 });
    await t.reopen();
    expect((await folders()).filter((f) => f.isDefault).map((f) => f.id)).toEqual([vault!.id]);
    expect(await t.call('folders:delete', { id: vault!.id, deleteDocuments: true })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('creates, nests and renames folders, refusing duplicate sibling names', async () => {
    const taxes = await t.value<FolderDto>('folders:create', { name: 'Taxes' });
    const y2024 = await t.value<FolderDto>('folders:create', { name: '2024', parentId: taxes.id });
    expect(y2024).toMatchObject({ parentId: taxes.id, backend: 'local' });
    expect(await t.call('folders:create', { name: 'taxes' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The same name is fine under another parent.
    expect((await t.call('folders:create', { name: '2024' })).ok).toBe(true);
    const renamed = await t.value<FolderDto>('folders:rename', { id: taxes.id, name: 'Taxes & Returns' });
    expect(renamed.name).toBe('Taxes & Returns');
    expect(await t.call('folders:rename', { id: y2024.id, name: '\u0000' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.call('folders:create', { name: 'x', parentId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await folders()).map((f) => f.name)).toEqual(['My Vault', '2024', '2024', 'Taxes & Returns']);
  });

  it('refuses to delete a non-empty folder unless asked to delete its documents too', async () => {
    const taxes = await t.value<FolderDto>('folders:create', { name: 'Taxes' });
    const sub = await t.value<FolderDto>('folders:create', { name: '2024', parentId: taxes.id });
    await t.uploadAndWait(taxes.id, [{ kind: 'bytes', name: 'a.txt', bytes: bytesOf('a') }]);
    await t.uploadAndWait(sub.id, [{ kind: 'bytes', name: 'b.txt', bytes: bytesOf('b') }]);
    await t.uploadAndWait(t.defaultFolder.id, [{ kind: 'bytes', name: 'keep.txt', bytes: bytesOf('k') }]);
    expect((await folders()).find((f) => f.id === taxes.id)?.documentCount).toBe(1);

    const refused = await t.call('folders:delete', { id: taxes.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('not empty') } });
    expect((await t.value<DocumentPage>('documents:list', {})).total).toBe(3);

    expect(await t.value('folders:delete', { id: taxes.id, deleteDocuments: true })).toEqual({ deletedDocuments: 2 });
    expect((await folders()).map((f) => f.name)).toEqual(['My Vault']);
    const left = await t.value<DocumentPage>('documents:list', {});
    expect(left.items.map((d) => d.name)).toEqual(['keep.txt']);
    expect(await t.objectFiles()).toHaveLength(1);
  });

  it('deletes an empty folder', async () => {
    const empty = await t.value<FolderDto>('folders:create', { name: 'Empty' });
    expect(await t.value('folders:delete', { id: empty.id })).toEqual({ deletedDocuments: 0 });
    expect(t.events.some((e) => e.event === 'folders:changed')).toBe(true);
  });
});
