import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectHint } from '../../../src-main/core/storage/storage-backend';
import { FOLDER_MIME } from '../../servers/google-fake/drive-store';
import { FAKE_GOOGLE_ACCOUNT } from '../../servers/google-fake/google-fake';
import { readAll } from '../../support/streams';
import { startDriveFixture, type DriveFixture } from './drive-fixture';
import { hintFor } from './drive-test-data';

let fixture: DriveFixture;
beforeAll(async () => {
  fixture = await startDriveFixture();
});
afterAll(async () => {
  await fixture.close();
});

const putText = (text: string, hint: ObjectHint) => fixture.backend.put({ body: Readable.from([Buffer.from(text)]), size: Buffer.byteLength(text), hint });
const folders = () => fixture.fake.drive.all().filter((file) => file.mimeType === FOLDER_MIME);
const pathOf = (key: string) => fixture.fake.drive.pathOf(key);

describe('Google Drive backend: layout in My Drive', () => {
  it('stores DocuVault/<folder>/<subfolder>/<name>, keyed by the Drive file id, with docuvaultId and sha256 as appProperties', async () => {
    const hint = hintFor('Tax return 2024.pdf', ['Taxes & Returns', '2024']);
    const result = await putText('the return', hint);
    expect(pathOf(result.key)).toEqual(['DocuVault', 'Taxes & Returns', '2024', 'Tax return 2024.pdf']);
    const stored = fixture.fake.drive.get(result.key)!;
    expect(stored.id).toBe(result.key);
    expect(stored.mimeType).toBe('application/pdf');
    expect(stored.appProperties).toEqual({ docuvaultId: hint.documentId, sha256: result.sha256 });
    expect(stored.content?.sha256).toBe(result.sha256);
    // The DocuVault folder sits in My Drive itself, visible to the person.
    const [root] = fixture.fake.drive.findByPath(['DocuVault']);
    expect(root?.parents).toEqual([fixture.fake.drive.rootId]);
  });

  it('concurrent uploads into a new folder share one folder chain', async () => {
    const path = [`Concurrent ${randomUUID()}`, 'Inner'];
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => putText(`file ${i}`, hintFor(`f${i}.txt`, path))));
    expect(fixture.fake.drive.findByPath(['DocuVault'])).toHaveLength(1);
    expect(fixture.fake.drive.findByPath(['DocuVault', path[0]!])).toHaveLength(1);
    expect(fixture.fake.drive.findByPath(['DocuVault', ...path])).toHaveLength(1);
    for (const result of results) expect(pathOf(result.key)?.slice(0, 3)).toEqual(['DocuVault', ...path]);
  });

  it('keeps two documents with the same name apart (Drive allows duplicate names)', async () => {
    const first = await putText('first', hintFor('same.txt', ['Dupes']));
    const second = await putText('second', hintFor('same.txt', ['Dupes']));
    expect(first.key).not.toBe(second.key);
    expect(fixture.fake.drive.findByPath(['DocuVault', 'Dupes', 'same.txt'])).toHaveLength(2);
    expect((await readAll(await fixture.backend.get(first.key))).toString()).toBe('first');
  });

  it('relocate renames and moves the same file: the key stays, the file keeps one parent', async () => {
    const hint = hintFor('draft.txt', ['Inbox']);
    const { key } = await putText('moving', hint);
    const newKey = await fixture.backend.relocate(key, { ...hint, name: 'final.txt', folderPath: ['Archive', '2025'] });
    expect(newKey).toBe(key);
    expect(pathOf(key)).toEqual(['DocuVault', 'Archive', '2025', 'final.txt']);
    expect(fixture.fake.drive.get(key)!.parents).toHaveLength(1);
    expect((await readAll(await fixture.backend.get(key))).toString()).toBe('moving');
    // A rename in place keeps the folder.
    await fixture.backend.relocate(key, { ...hint, name: 'renamed.txt', folderPath: ['Archive', '2025'] });
    expect(pathOf(key)).toEqual(['DocuVault', 'Archive', '2025', 'renamed.txt']);
  });

  it('relocating a missing file is NOT_FOUND', async () => {
    const { key } = await putText('gone soon', hintFor());
    await fixture.backend.delete(key);
    await expect(fixture.backend.relocate(key, hintFor())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('finds its folders again after a person deleted them in Drive', async () => {
    const path = [`Deleted ${randomUUID()}`];
    await putText('one', hintFor('one.txt', path));
    const [folder] = fixture.fake.drive.findByPath(['DocuVault', ...path]);
    await fixture.fake.drive.delete(folder!.id);
    const again = await putText('two', hintFor('two.txt', path));
    expect(pathOf(again.key)).toEqual(['DocuVault', ...path, 'two.txt']);
    // The same goes for a move into a folder that vanished meanwhile.
    const moving = await putText('three', hintFor('three.txt', ['Elsewhere']));
    await fixture.fake.drive.delete(fixture.fake.drive.findByPath(['DocuVault', ...path])[0]!.id);
    await fixture.backend.relocate(moving.key, hintFor('three.txt', path));
    expect(pathOf(moving.key)).toEqual(['DocuVault', ...path, 'three.txt']);
  });

  it('stat reports the size and the SHA-256 recorded at upload', async () => {
    const result = await putText('stat me please', hintFor());
    const stat = await fixture.backend.stat(result.key);
    expect(stat).toMatchObject({ key: result.key, size: 14, sha256: result.sha256 });
    expect(stat?.modifiedAt).toBeInstanceOf(Date);
    expect(await fixture.backend.stat('not a drive id!')).toBeNull();
  });

  it('discardIncomplete deletes every file tagged with the document id and nothing else', async () => {
    const hint = hintFor('leftover.bin', ['Discard']);
    await putText('first try', hint);
    await putText('second try', hint);
    const keep = await putText('another document', hintFor('keep.bin', ['Discard']));
    const tagged = () => fixture.fake.drive.all().filter((file) => file.appProperties.docuvaultId === hint.documentId);
    expect(tagged()).toHaveLength(2);
    await fixture.backend.discardIncomplete(hint.documentId);
    expect(tagged()).toHaveLength(0);
    expect(await fixture.backend.stat(keep.key)).not.toBeNull();
    // A document id with quotes cannot break out of the query.
    await fixture.backend.discardIncomplete("x' or name != 'y");
    expect(await fixture.backend.stat(keep.key)).not.toBeNull();
  });

  it('health names the account and reports free space from the storage quota', async () => {
    fixture.fake.drive.storageLimit = fixture.fake.drive.usage() + 1_000_000;
    try {
      expect(await fixture.backend.healthCheck()).toEqual({
        ok: true,
        message: `Connected to Google Drive as ${FAKE_GOOGLE_ACCOUNT.email}.`,
        freeBytes: 1_000_000,
      });
      fixture.fake.drive.storageLimit = null;
      expect((await fixture.backend.healthCheck()).freeBytes).toBeNull();
    } finally {
      fixture.fake.drive.storageLimit = 15 * 1024 ** 3;
    }
  });

  it('names with quotes and backslashes make folders that are found again', async () => {
    const path = ["It's \\ tricky", "O'Brien's"];
    const a = await putText('a', hintFor('a.txt', path));
    const b = await putText('b', hintFor('b.txt', path));
    expect(pathOf(a.key)?.slice(0, 3)).toEqual(['DocuVault', ...path]);
    expect(fixture.fake.drive.get(a.key)!.parents).toEqual(fixture.fake.drive.get(b.key)!.parents);
    expect(folders().filter((folder) => folder.name === "O'Brien's")).toHaveLength(1);
  });
});

describe('Google Drive backend: checksum verification', () => {
  it('refuses an upload whose stored bytes differ from what was sent, and leaves no file', async () => {
    const hint = hintFor('corrupted.bin');
    const data = Buffer.from('these bytes will be altered by the storage');
    fixture.fake.uploads.corruptNextUpload = true;
    await expect(fixture.backend.put({ body: Readable.from([data]), size: data.length, hint })).rejects.toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
      message: expect.stringContaining('did not keep the document'),
    });
    expect(fixture.fake.uploads.corruptNextUpload).toBe(false);
    expect(fixture.fake.drive.all().filter((file) => file.appProperties.docuvaultId === hint.documentId)).toHaveLength(0);
  });

  it('accepts the upload when Drive reports our SHA-256 and MD5', async () => {
    const data = Buffer.from('intact');
    const result = await fixture.backend.put({ body: Readable.from([data]), size: data.length, hint: hintFor() });
    const stored = fixture.fake.drive.get(result.key)!.content!;
    expect(stored.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect(stored.md5).toBe(createHash('md5').update(data).digest('hex'));
  });
});

describe('Google Drive backend: the DocuVault folder on connect', () => {
  it('ensureRootFolder creates one visible DocuVault folder in My Drive, once', async () => {
    const fresh = await startDriveFixture();
    try {
      expect(fresh.fake.drive.findByPath(['DocuVault'])).toHaveLength(0);
      await fresh.backend.ensureRootFolder();
      await Promise.all([fresh.backend.ensureRootFolder(), fresh.backend.ensureRootFolder()]);
      const roots = fresh.fake.drive.findByPath(['DocuVault']);
      expect(roots).toHaveLength(1);
      expect(roots[0]!.mimeType).toBe(FOLDER_MIME);
      // A later upload lands in that folder.
      const { key } = await fresh.backend.put({ body: Readable.from([Buffer.from('x')]), size: 1, hint: hintFor('x.txt', []) });
      expect(fresh.fake.drive.get(key)!.parents).toEqual([roots[0]!.id]);
    } finally {
      await fresh.close();
    }
  });
});
