import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUVAULT_NS } from '../../../src-main/core/storage/webdav/dav-properties';
import { WebDavBackend } from '../../../src-main/core/storage/webdav/webdav-backend';
import { startWebDavServer, type WebDavTestServer } from '../../servers/webdav-server';
import { hint, putText } from './dav-test-helpers';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('WebDAV metadata: document id and SHA-256 as dead properties', () => {
  let server: WebDavTestServer;
  let backend: WebDavBackend;

  beforeAll(async () => {
    server = await startWebDavServer();
    backend = new WebDavBackend({ url: server.url, username: server.username }, { password: server.password });
  });
  afterAll(async () => {
    backend.close();
    await server.close();
  });

  it('stores them on the server next to the file', async () => {
    const objectHint = hint('statement.pdf', ['Bank']);
    const { key, sha256: stored } = await putText(backend, 'statement', objectHint);
    expect(stored).toBe(sha256('statement'));
    const props = await server.deadProperties(`/${key}`);
    expect(props[`${DOCUVAULT_NS}document-id`]).toBe(objectHint.documentId);
    expect(props[`${DOCUVAULT_NS}sha256`]).toBe(stored);
  });

  it('reads the SHA-256 back in stat, with size and modification time', async () => {
    const { key } = await putText(backend, 'stat me please', hint('stat.txt', ['Meta']));
    const stat = await backend.stat(key);
    expect(stat).toMatchObject({ key, size: 14, sha256: sha256('stat me please') });
    expect(stat?.modifiedAt).toBeInstanceOf(Date);
  });

  it('keeps them when the document is renamed and moved', async () => {
    const objectHint = hint('before.txt', ['Meta', 'From']);
    const { key } = await putText(backend, 'follow me', objectHint);
    const moved = await backend.relocate(key, { ...objectHint, name: 'after.txt', folderPath: ['Meta', 'To'] });
    expect((await backend.stat(moved))?.sha256).toBe(sha256('follow me'));
    expect((await server.deadProperties(`/${moved}`))[`${DOCUVAULT_NS}document-id`]).toBe(objectHint.documentId);
  });

  it('reports a null SHA-256 for a file that has no DocuVault metadata', async () => {
    const auth = `Basic ${Buffer.from(`${server.username}:${server.password}`).toString('base64')}`;
    await fetch(`${server.url}DocuVault/`, { method: 'MKCOL', headers: { Authorization: auth } });
    const put = await fetch(`${server.url}DocuVault/foreign.txt`, { method: 'PUT', headers: { Authorization: auth }, body: 'foreign' });
    expect(put.status).toBe(201);
    expect(await backend.stat('DocuVault/foreign.txt')).toMatchObject({ size: 7, sha256: null });
  });
});
