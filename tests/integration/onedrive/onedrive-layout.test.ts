import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { oneDriveName } from '../../../src-main/core/storage/onedrive/onedrive-names';
import { invalidNameReason } from '../../servers/microsoft-fake/drive-store';
import { readAll } from '../../support/streams';
import { hint, putBytes, startOneDriveFixture, type OneDriveFixture } from './onedrive-fixture';

let f: OneDriveFixture;
beforeAll(async () => {
  f = await startOneDriveFixture();
});
afterAll(async () => {
  await f.close();
});
beforeEach(async () => {
  // Each test starts from an empty drive (the backend's remembered folders are looked up afresh).
  for (const item of f.fake.store.children(f.fake.store.rootId)) await f.fake.store.delete(item.id);
});

const text = async (key: string) => (await readAll(await f.backend.get(key))).toString();

describe('OneDrive layout', () => {
  it('stores documents as DocuVault/<folder>/<name>, readable in OneDrive, with nothing left in staging', async () => {
    const { key } = await putBytes(f.backend, Buffer.from('tax'), hint('report.pdf', ['Taxes', '2024']));
    expect(f.files()).toEqual(['DocuVault/Taxes/2024/report.pdf']);
    expect(f.item(key)?.name).toBe('report.pdf');
    const staging = f.fake.store.resolvePath('root', ['DocuVault', '.docuvault-staging']);
    expect(staging?.isFolder).toBe(true);
    expect(f.fake.store.children(staging!.id)).toEqual([]);
  });

  it('never overwrites: the same name again becomes "name (2)", each with its own key', async () => {
    const first = await putBytes(f.backend, Buffer.from('first'), hint('report.pdf'));
    const second = await putBytes(f.backend, Buffer.from('second'), hint('report.pdf'));
    const third = await putBytes(f.backend, Buffer.from('third'), hint('REPORT.pdf'));
    expect(f.files()).toEqual(['DocuVault/Taxes/REPORT (3).pdf', 'DocuVault/Taxes/report (2).pdf', 'DocuVault/Taxes/report.pdf']);
    expect(new Set([first.key, second.key, third.key]).size).toBe(3);
    expect([await text(first.key), await text(second.key), await text(third.key)]).toEqual(['first', 'second', 'third']);
  });

  it('uploads racing for one name and one new folder each get their own name, and one folder', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => putBytes(f.backend, Buffer.from(`copy ${i}`), hint('same.txt', ['Fresh']))));
    expect(f.files()).toEqual([
      'DocuVault/Fresh/same (2).txt',
      'DocuVault/Fresh/same (3).txt',
      'DocuVault/Fresh/same (4).txt',
      'DocuVault/Fresh/same (5).txt',
      'DocuVault/Fresh/same.txt',
    ]);
    expect(f.fake.store.all().filter((item) => item.isFolder && item.name === 'Fresh')).toHaveLength(1);
    for (const [i, result] of results.entries()) expect(await text(result.key)).toBe(`copy ${i}`);
  });

  it('turns names OneDrive refuses into close ones it accepts (the document keeps its own name in DocuVault)', async () => {
    await putBytes(f.backend, Buffer.from('a'), hint('📄 Résumé (final) #1 ?&%.pdf', ['Taxes & Returns', 'Q1: "draft" <v2>']));
    await putBytes(f.backend, Buffer.from('b'), hint('CON.txt', ['ends with dot.']));
    await putBytes(f.backend, Buffer.from('c'), hint('  spaced name .  ', []));
    expect(f.files()).toEqual([
      'DocuVault/Taxes & Returns/Q1_ _draft_ _v2_/📄 Résumé (final) #1 _&%.pdf',
      'DocuVault/ends with dot/_CON.txt',
      'DocuVault/spaced name',
    ]);
    for (const name of ['a/b\\c|d', '~$lock.docx', 'desktop.ini', 'nul', 'x'.repeat(400) + '.pdf', '', '...', 'folder_vti_x']) {
      expect(invalidNameReason(oneDriveName(name)), name).toBeNull();
    }
  });

  it('follows renames and moves with PATCH: same key, new place, numbered on a clash', async () => {
    const moving = await putBytes(f.backend, Buffer.from('moving'), hint('before.txt', ['From']));
    await putBytes(f.backend, Buffer.from('in the way'), hint('after.txt', ['To', 'Nested']));
    const key = await f.backend.relocate(moving.key, hint('after.txt', ['To', 'Nested']));
    expect(key).toBe(moving.key);
    expect(f.fake.store.pathOf(key).join('/')).toBe('DocuVault/To/Nested/after (2).txt');
    expect(await text(key)).toBe('moving');
    // Relocating to where it already is changes nothing.
    expect(await f.backend.relocate(key, hint('after (2).txt', ['To', 'Nested']))).toBe(key);
    expect(f.fake.store.pathOf(key).join('/')).toBe('DocuVault/To/Nested/after (2).txt');
    await f.backend.delete(key);
    await expect(f.backend.relocate(key, hint())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('recreates a folder a person deleted in OneDrive', async () => {
    await putBytes(f.backend, Buffer.from('one'), hint('one.txt', ['Gone']));
    await f.fake.store.delete(f.fake.store.resolvePath('root', ['DocuVault', 'Gone'])!.id);
    await putBytes(f.backend, Buffer.from('two'), hint('two.txt', ['Gone']));
    expect(f.files()).toEqual(['DocuVault/Gone/two.txt']);
    const moved = await putBytes(f.backend, Buffer.from('three'), hint('three.txt', []));
    await f.fake.store.delete(f.fake.store.resolvePath('root', ['DocuVault', 'Gone'])!.id);
    await f.backend.relocate(moved.key, hint('three.txt', ['Gone']));
    expect(f.fake.store.pathOf(moved.key).join('/')).toBe('DocuVault/Gone/three.txt');
  });

  it('refuses to use a file where a folder is needed (CONFLICT), leaving it alone', async () => {
    await putBytes(f.backend, Buffer.from('a file called Blocked'), hint('Blocked', []));
    await expect(putBytes(f.backend, Buffer.from('x'), hint('x.txt', ['Blocked']))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(f.files()).toEqual(['DocuVault/Blocked']);
  });

  it('ensureRootFolder makes the visible DocuVault folder', async () => {
    await f.backend.ensureRootFolder();
    expect(f.fake.store.resolvePath('root', ['DocuVault'])?.isFolder).toBe(true);
  });
});

describe('OneDrive metadata and health', () => {
  it('stats a document (size, modified time) and answers null for a missing one', async () => {
    const { key } = await putBytes(f.backend, Buffer.from('stat me'));
    expect(await f.backend.stat(key)).toMatchObject({ key, size: 7, sha256: null, modifiedAt: expect.any(Date) });
    await f.backend.delete(key);
    await f.backend.delete(key);
    expect(await f.backend.stat(key)).toBeNull();
  });

  it('reports the account and the free space from the drive quota', async () => {
    await putBytes(f.backend, Buffer.alloc(1000));
    const health = await f.backend.healthCheck();
    expect(health).toEqual({ ok: true, message: 'Connected to OneDrive as Robin Example.', freeBytes: f.fake.store.quotaTotal - f.fake.store.usage() });
  });

  it('discardIncomplete removes the staged upload of that document, and is idempotent', async () => {
    const h = hint('interrupted.pdf');
    f.fake.faults.inject({ kind: 'reset' }, { operation: 'item.update' });
    f.fake.faults.inject({ kind: 'status', status: 401 }, { operation: 'item.update' });
    await expect(putBytes(f.backend, Buffer.from('left behind'), h)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    expect(f.files()).toEqual([`DocuVault/.docuvault-staging/${h.documentId}`]);
    const other = await putBytes(f.backend, Buffer.from('kept'), hint('kept.pdf'));
    await f.backend.discardIncomplete(h.documentId);
    await f.backend.discardIncomplete(h.documentId);
    await f.backend.discardIncomplete('not a document id/..');
    expect(f.files()).toEqual(['DocuVault/Taxes/kept.pdf']);
    expect(await text(other.key)).toBe('kept');
  });
});
