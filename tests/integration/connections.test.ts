import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionDto, DocumentPage, FolderDto, UploadItemDto } from '../../src-shared/domain';
import { AppKeyCipher } from '../../src-main/core/credentials/app-key-cipher';
import type { SecretCipher } from '../../src-main/core/ports';
import { readAll } from '../support/streams';
import { ScriptedServer, scriptedWebdavAdapter } from '../support/scripted-provider';
import { bytesOf, startTestCore, type TestCore } from '../support/test-core';
import { makeTempDir } from '../support/temp-dir';

let t: TestCore;
let server: ScriptedServer;
let serverDir: { path: string; remove: () => Promise<void> };

const PASSWORD = 'correct horse';
const connectInput = (extra: object = {}) => ({ url: 'https://nas.example', username: 'alice', password: PASSWORD, ...extra });

beforeEach(async () => {
  serverDir = await makeTempDir();
  server = new ScriptedServer(join(serverDir.path, 'server'));
  t = await startTestCore({ providers: [scriptedWebdavAdapter(server)] });
});
afterEach(async () => {
  await t.close();
  await serverDir.remove();
});

async function consentAndConnect(extra: object = {}): Promise<ConnectionDto> {
  await t.value('credentials:consent', { accept: true });
  return t.value<ConnectionDto>('connections:connect-webdav', connectInput(extra));
}

/** Walks any value and returns every key path whose name or value looks like a credential. */
function credentialPaths(value: unknown, path = '$'): string[] {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string' && value.includes(PASSWORD) ? [path] : [];
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => [
    ...(/password|secret|credential|token|cipher/i.test(key) ? [`${path}.${key}`] : []),
    ...credentialPaths(child, `${path}.${key}`),
  ]);
}

describe('connections', () => {
  it('asks for consent before storing secrets without an OS keychain, and says why', async () => {
    const status = await t.value<{ protection: string; consentRequired: boolean; message: string }>('credentials:status', {});
    expect(status).toMatchObject({ protection: 'app-key', consentRequired: true });
    expect(status.message).toMatch(/keychain is not available/);
    const refused = await t.call('connections:connect-webdav', connectInput());
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(server.requests).toBe(0);
    expect(await t.value('connections:list', {})).toEqual([]);
    expect(await t.value('credentials:consent', { accept: true })).toMatchObject({ consentRequired: false });
  });

  it('connects after a health check, lists without any credential at any depth', async () => {
    const connection = await consentAndConnect({ label: 'Home NAS' });
    expect(connection).toMatchObject({ provider: 'webdav', label: 'Home NAS', account: 'alice', status: 'ACTIVE', lastError: null });
    expect(server.requests).toBeGreaterThan(0);
    const listed = await t.value<ConnectionDto[]>('connections:list', {});
    expect(listed).toHaveLength(1);
    expect(credentialPaths(listed)).toEqual([]);
    // The database holds ciphertext only.
    const raw = t.core.db.prepare('SELECT credentials FROM connections').pluck().get() as Buffer;
    expect(raw.toString('latin1')).not.toContain(PASSWORD);
  });

  it('refuses wrong credentials with VALIDATION and stores nothing', async () => {
    await t.value('credentials:consent', { accept: true });
    const result = await t.call('connections:connect-webdav', connectInput({ password: 'wrong' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/refused these credentials/) } });
    expect(JSON.stringify(result)).not.toContain('wrong');
    expect(await t.value('connections:list', {})).toEqual([]);
  });

  it('routes folders bound to a connection through its backend', async () => {
    const connection = await consentAndConnect();
    const folder = await t.value<FolderDto>('folders:create', { name: 'NAS docs', connectionId: connection.id });
    expect(folder).toMatchObject({ backend: 'webdav', connectionId: connection.id, connectionStatus: 'ACTIVE' });
    const sub = await t.value<FolderDto>('folders:create', { name: 'Sub', parentId: folder.id });
    expect(sub).toMatchObject({ backend: 'webdav', connectionId: connection.id });
    const before = server.requests;
    const [item] = await t.uploadAndWait(sub.id, [{ kind: 'bytes', name: 'on-nas.txt', bytes: bytesOf('on the NAS') }]);
    expect(item!.state).toBe('done');
    expect(server.requests).toBeGreaterThan(before);
    const doc = (await t.value<DocumentPage>('documents:list', { folderId: sub.id })).items[0]!;
    expect(doc).toMatchObject({ backend: 'webdav', connectionId: connection.id, available: true });
    expect((await readAll((await t.core.documents.openContent(doc.id)).stream)).toString()).toBe('on the NAS');
    // Bytes never landed in the local vault; the local quota does not count them.
    expect(await t.objectFiles()).toEqual([]);
    expect((await t.value<{ usedBytes: number }>('vault:info', {})).usedBytes).toBe(0);
  });

  it('marks the connection REQUIRES_REAUTH when the server refuses, then fails fast without contacting it', async () => {
    const connection = await consentAndConnect();
    const folder = await t.value<FolderDto>('folders:create', { name: 'NAS', connectionId: connection.id });
    const [item] = await t.uploadAndWait(folder.id, [{ kind: 'bytes', name: 'a.txt', bytes: bytesOf('a') }]);
    server.password = 'changed on the server';
    const failed = await t.core.documents.openContent(item!.documentId!).catch((e) => e);
    expect(failed).toMatchObject({ code: 'REAUTH_REQUIRED', message: 'Cloud connection requires re-authentication. Please reconnect in Settings.' });
    expect((await t.value<ConnectionDto[]>('connections:list', {}))[0]!.status).toBe('REQUIRES_REAUTH');
    const requests = server.requests;
    const again = await t.call('documents:delete', { ids: [item!.documentId] });
    expect(again).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    const [upload] = await t.uploadAndWait(folder.id, [{ kind: 'bytes', name: 'b.txt', bytes: bytesOf('b') }]);
    expect(upload).toMatchObject({ state: 'failed', error: { code: 'REAUTH_REQUIRED' } });
    expect(server.requests).toBe(requests);
    // Listed, but unavailable until reconnected.
    expect((await t.value<DocumentPage>('documents:list', { folderId: folder.id })).items[0]).toMatchObject({ available: false });
    expect((await t.value<FolderDto[]>('folders:list', {})).find((f) => f.id === folder.id)?.connectionStatus).toBe('REQUIRES_REAUTH');

    // Reconnect restores it, and the same documents open again.
    server.password = 'new password';
    const restored = await t.value<ConnectionDto>('connections:reconnect', { id: connection.id, credentials: { password: 'new password' } });
    expect(restored.status).toBe('ACTIVE');
    expect((await readAll((await t.core.documents.openContent(item!.documentId!)).stream)).toString()).toBe('a');
  });

  it('answers BACKEND_UNAVAILABLE when the server is unreachable, and loses nothing', async () => {
    const connection = await consentAndConnect();
    const folder = await t.value<FolderDto>('folders:create', { name: 'NAS', connectionId: connection.id });
    const [item] = await t.uploadAndWait(folder.id, [{ kind: 'bytes', name: 'a.txt', bytes: bytesOf('a') }]);
    server.reachable = false;
    expect(await t.call('documents:delete', { ids: [item!.documentId] })).toMatchObject({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
    expect(await t.value<{ ok: boolean }>('connections:test', { id: connection.id })).toMatchObject({ ok: false });
    expect((await t.value<ConnectionDto[]>('connections:list', {}))[0]).toMatchObject({ status: 'ERROR' });
    server.reachable = true;
    expect((await t.value<DocumentPage>('documents:list', { folderId: folder.id })).total).toBe(1);
    expect(await t.value<{ ok: boolean }>('connections:test', { id: connection.id })).toMatchObject({ ok: true });
  });

  it('treats credentials that no longer decrypt as REQUIRES_REAUTH, and the app keeps working', async () => {
    const connection = await consentAndConnect();
    const folder = await t.value<FolderDto>('folders:create', { name: 'NAS', connectionId: connection.id });
    await t.uploadAndWait(folder.id, [{ kind: 'bytes', name: 'a.txt', bytes: bytesOf('a') }]);
    await t.close({ keepData: true });
    // A new keychain: the old ciphertext cannot be opened any more.
    const keyDir = await makeTempDir();
    const otherCipher: SecretCipher = await AppKeyCipher.open(join(keyDir.path, 'other.key'));
    const { rm } = await import('node:fs/promises');
    const dataDir = t.dataDir;
    t = await startTestCore({
      dataDir,
      providers: [scriptedWebdavAdapter(server)],
      secretCipher: otherCipher,
      onRemove: () => rm(dataDir, { recursive: true, force: true }),
    });
    const doc = (await t.value<DocumentPage>('documents:list', {})).items[0]!;
    expect(await t.call('documents:content', { id: doc.id })).toMatchObject({ ok: true });
    await expect(t.core.documents.openContent(doc.id)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    expect((await t.value<ConnectionDto[]>('connections:list', {}))[0]!.status).toBe('REQUIRES_REAUTH');
    expect((await t.call('folders:list', {})).ok).toBe(true);
    await keyDir.remove();
  });

  it('binds ciphertext to its connection: swapped rows fail to decrypt', async () => {
    const a = await consentAndConnect({ label: 'A' });
    const b = await consentAndConnect({ label: 'B', username: 'bob' });
    const read = t.core.db.prepare('SELECT credentials FROM connections WHERE id = ?').pluck();
    const ca = read.get(a.id) as Buffer;
    const cb = read.get(b.id) as Buffer;
    const write = t.core.db.prepare('UPDATE connections SET credentials = ? WHERE id = ?');
    write.run(cb, a.id);
    write.run(ca, b.id);
    await expect(t.core.connections.backendFor(a.id)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    await expect(t.core.connections.backendFor(b.id)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
  });

  it('renames, sets a quota enforced atomically on that connection', async () => {
    const connection = await consentAndConnect();
    expect((await t.value<ConnectionDto>('connections:rename', { id: connection.id, label: 'Office' })).label).toBe('Office');
    await t.value('connections:set-quota', { id: connection.id, quotaBytes: 5 });
    const folder = await t.value<FolderDto>('folders:create', { name: 'NAS', connectionId: connection.id });
    const items: UploadItemDto[] = await t.uploadAndWait(folder.id, [
      { kind: 'bytes', name: 'a.txt', bytes: bytesOf('123') },
      { kind: 'bytes', name: 'b.txt', bytes: bytesOf('123') },
    ]);
    expect(items.map((i) => i.state).sort()).toEqual(['done', 'failed']);
    expect(items.find((i) => i.state === 'failed')?.error?.code).toBe('QUOTA_EXCEEDED');
  });

  it('disconnects three ways: delete from the server, keep listed, or forget', async () => {
    const setup = async (label: string) => {
      const connection = await consentAndConnect({ label, username: label });
      const folder = await t.value<FolderDto>('folders:create', { name: `${label} folder`, connectionId: connection.id });
      const [item] = await t.uploadAndWait(folder.id, [{ kind: 'bytes', name: `${label}.txt`, bytes: bytesOf(label) }]);
      return { connection, folder, documentId: item!.documentId! };
    };
    const del = await setup('del');
    const keep = await setup('keep');
    const forget = await setup('forget');
    const objectsOnServer = async () => (await import('node:fs/promises')).readdir(join(server.root, 'objects'), { recursive: true });

    expect(await t.value('connections:disconnect', { id: del.connection.id, documents: 'delete-from-server' })).toEqual({ deletedDocuments: 1 });
    expect(await t.value('connections:disconnect', { id: keep.connection.id, documents: 'keep-listed' })).toEqual({ deletedDocuments: 0 });
    expect(await t.value('connections:disconnect', { id: forget.connection.id, documents: 'forget' })).toEqual({ deletedDocuments: 0 });

    const listed = await t.value<ConnectionDto[]>('connections:list', {});
    expect(listed.map((c) => [c.label, c.status])).toEqual([['keep', 'DISCONNECTED']]);
    // Credentials are gone for every one of them.
    expect(t.core.db.prepare('SELECT COUNT(*) FROM connections WHERE credentials IS NOT NULL').pluck().get()).toBe(0);
    const docs = (await t.value<DocumentPage>('documents:list', {})).items;
    expect(docs.map((d) => [d.name, d.available])).toEqual([['keep.txt', false]]);
    // The server still has keep's and forget's bytes, not del's.
    const files = (await objectsOnServer()).filter((f) => f.includes('/'));
    expect(files).toHaveLength(2);
    // Reconnecting the kept one brings its documents back.
    await t.value('connections:reconnect', { id: keep.connection.id, credentials: { password: PASSWORD } });
    expect((await readAll((await t.core.documents.openContent(keep.documentId)).stream)).toString()).toBe('keep');
  });

  it('moves documents between the local vault and a connection, verified, removing the original', async () => {
    const connection = await consentAndConnect();
    const nas = await t.value<FolderDto>('folders:create', { name: 'NAS', connectionId: connection.id });
    const [item] = await t.uploadAndWait(t.defaultFolder.id, [{ kind: 'bytes', name: 'travels.txt', bytes: bytesOf('travelling bytes') }]);
    const id = item!.documentId!;
    expect(await t.objectFiles()).toHaveLength(1);
    const [there] = await t.value<Array<{ backend: string; connectionId: string }>>('documents:move', { ids: [id], folderId: nas.id });
    expect(there).toMatchObject({ backend: 'webdav', connectionId: connection.id });
    expect(await t.objectFiles()).toEqual([]);
    expect((await readAll((await t.core.documents.openContent(id)).stream)).toString()).toBe('travelling bytes');
    const [back] = await t.value<Array<{ backend: string; sha256: string }>>('documents:move', { ids: [id], folderId: t.defaultFolder.id });
    expect(back).toMatchObject({ backend: 'local' });
    expect(await t.objectFiles()).toHaveLength(1);
    expect((await readAll((await t.core.documents.openContent(id)).stream)).toString()).toBe('travelling bytes');
    // Over the destination's quota: refused, and the document stays where it was.
    await t.value('vault:set-quota', { quotaBytes: 1 });
    await t.value('documents:move', { ids: [id], folderId: nas.id });
    expect(await t.call('documents:move', { ids: [id], folderId: t.defaultFolder.id })).toMatchObject({
      ok: false,
      error: { code: 'QUOTA_EXCEEDED' },
    });
    expect((await t.value<{ folderId: string }>('documents:get', { id })).folderId).toBe(nas.id);
    expect(await t.objectFiles()).toEqual([]);
  });

  it('answers NOT_FOUND for forged connection ids', async () => {
    const forged = '00000000-0000-4000-8000-000000000000';
    for (const [channel, payload] of [
      ['connections:test', { id: forged }],
      ['connections:rename', { id: forged, label: 'x' }],
      ['connections:disconnect', { id: forged, documents: 'forget' }],
      ['folders:create', { name: 'x', connectionId: forged }],
    ] as const) {
      expect(await t.call(channel, payload)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('removes all DocuVault data: credentials, local vault, database contents', async () => {
    const connection = await consentAndConnect();
    const folder = await t.value<FolderDto>('folders:create', { name: 'NAS', connectionId: connection.id });
    await t.uploadAndWait(folder.id, [{ kind: 'bytes', name: 'remote.txt', bytes: bytesOf('remote') }]);
    await t.uploadAndWait(t.defaultFolder.id, [{ kind: 'bytes', name: 'local.txt', bytes: bytesOf('local') }]);
    await t.value('vault:set-quota', { quotaBytes: 1000 });
    expect(await t.value('vault:remove-all-data', { deleteFromServers: true })).toEqual({ deletedFromServers: 1, failedConnections: [] });
    expect(await t.value('connections:list', {})).toEqual([]);
    expect((await t.value<DocumentPage>('documents:list', {})).total).toBe(0);
    expect((await t.value<FolderDto[]>('folders:list', {})).map((f) => f.name)).toEqual(['My Vault']);
    expect(await t.value('vault:info', {})).toEqual({ usedBytes: 0, quotaBytes: null, documentCount: 0 });
    expect(await t.objectFiles()).toEqual([]);
    expect(t.core.db.prepare('SELECT COUNT(*) FROM settings').pluck().get()).toBe(0);
  });
});

describe('provider availability', () => {
  it('lists every provider with why it cannot be connected in this build', async () => {
    const providers = await t.value<Array<{ provider: string; available: boolean; reason: string | null }>>('connections:providers', {});
    expect(providers.map((p) => p.provider)).toEqual(['s3', 'webdav', 'nextcloud', 'google_drive', 'onedrive']);
    expect(providers.find((p) => p.provider === 'webdav')).toEqual({ provider: 'webdav', available: true, reason: null });
    expect(providers.find((p) => p.provider === 'onedrive')).toMatchObject({ available: false, reason: expect.any(String) });
  });
});
