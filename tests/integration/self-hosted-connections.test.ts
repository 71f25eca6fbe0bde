import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap } from '../../src-shared/contract';
import type { ConnectionDto, DocumentPage, FolderDto, LoginAttemptDto } from '../../src-shared/domain';
import type { Logger } from '../../src-main/core/ports';
import { startNextcloudFake, type NextcloudFake } from '../servers/nextcloud-fake';
import { S3RVER_CREDENTIALS, startS3Server, type S3TestServer } from '../servers/s3-server';
import { startWebDavServer, type WebDavTestServer } from '../servers/webdav-server';
import { readAll } from '../support/streams';
import { bytesOf, startTestCore, type TestCore } from '../support/test-core';

/** Everything the app wrote to its log during the test, to scan for secrets. */
const logLines: string[] = [];
const capturingLogger: Logger = { log: (level, message, fields) => logLines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`) };
/** Every envelope the window received. */
const responses: string[] = [];

let webdav: WebDavTestServer;
let s3: S3TestServer;
let nextcloud: NextcloudFake;
let t: TestCore;
const opened: string[] = [];

async function call<T>(channel: string, payload: unknown) {
  const result = await t.call<T>(channel, payload);
  responses.push(JSON.stringify(result));
  return result;
}
async function value<T>(channel: string, payload: unknown): Promise<T> {
  const result = await call<T>(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  [webdav, s3, nextcloud] = await Promise.all([startWebDavServer(), startS3Server(), startNextcloudFake()]);
  t = await startTestCore({
    logger: capturingLogger,
    browser: { open: async (url) => void opened.push(url) },
    nextcloudLoginPollMs: 50,
  });
  await value('credentials:consent', { accept: true });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await Promise.all([webdav?.close(), s3?.close(), nextcloud?.close()]);
});

async function roundTrip(connection: ConnectionDto, name: string, text: string) {
  const folder = await value<FolderDto>('folders:create', { name: `${connection.label} docs`, connectionId: connection.id });
  const [item] = await t.uploadAndWait(folder.id, [{ kind: 'bytes', name, bytes: bytesOf(text) }]);
  expect(item).toMatchObject({ state: 'done' });
  responses.push(JSON.stringify(item));
  const doc = (await value<DocumentPage>('documents:list', { folderId: folder.id })).items[0]!;
  expect((await readAll((await t.core.documents.openContent(doc.id)).stream)).toString()).toBe(text);
  return { folder, doc };
}

describe('self-hosted connections against real local servers', () => {
  it('WebDAV: connects, creates the DocuVault root, stores documents under readable names', async () => {
    const connection = await value<ConnectionDto>('connections:connect-webdav', {
      url: webdav.url,
      username: webdav.username,
      password: webdav.password,
      label: 'Home NAS',
    });
    expect(connection).toMatchObject({ provider: 'webdav', status: 'ACTIVE', settings: { serverUrl: webdav.url, rootFolder: 'DocuVault' } });
    expect(await webdav.files()).toContain('DocuVault/');
    await roundTrip(connection, 'Tax return 2024.pdf', 'tax');
    expect(await webdav.files()).toContain('DocuVault/Home NAS docs/Tax return 2024.pdf');
    expect(await value('connections:test', { id: connection.id })).toMatchObject({ ok: true });
  });

  it('WebDAV: a wrong password is refused and nothing is stored', async () => {
    const before = (await value<ConnectionDto[]>('connections:list', {})).length;
    const result = await call('connections:connect-webdav', { url: webdav.url, username: webdav.username, password: 'wrong password 123' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await value<ConnectionDto[]>('connections:list', {})).length).toBe(before);
  });

  it('refuses forbidden URLs with VALIDATION before any network traffic', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      for (const url of [
        `http://user:pass@127.0.0.1:${port}/dav/`,
        `ftp://127.0.0.1:${port}/`,
        'http://169.254.169.254/latest/',
        'http://[fe80::1]/dav/',
        'http://224.0.0.1/',
        'http://93.184.216.34/dav/',
      ]) {
        const result = await call('connections:connect-webdav', { url, username: 'u', password: 'p' });
        expect(result, url).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      }
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('an unreachable server gives BACKEND_UNAVAILABLE', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await call('connections:connect-webdav', { url: `http://127.0.0.1:${port}/dav/`, username: 'u', password: 'p' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
  });

  it('S3 (s3rver): connects, uploads through the backend, gives expiring share links', async () => {
    const connection = await value<ConnectionDto>('connections:connect-s3', {
      endpoint: s3.url,
      bucket: s3.bucket,
      accessKeyId: S3RVER_CREDENTIALS.accessKeyId,
      secretAccessKey: S3RVER_CREDENTIALS.secretAccessKey,
      label: 'Bucket',
    });
    expect(connection).toMatchObject({ provider: 's3', status: 'ACTIVE', settings: { bucket: s3.bucket, prefix: 'DocuVault' } });
    const { doc } = await roundTrip(connection, 'invoice.pdf', 'invoice bytes');
    const link = await value<{ url: string; expiresAt: string }>('documents:share-link', { id: doc.id, expiresInSeconds: 3600 });
    expect(link.url).toContain('X-Amz-Expires=3600');
    expect(await (await fetch(link.url)).text()).toBe('invoice bytes');
    // Share links are an S3 capability; elsewhere the answer is UNSUPPORTED, not a crash.
    const local = await t.uploadAndWait(t.defaultFolder.id, [{ kind: 'bytes', name: 'local.txt', bytes: bytesOf('x') }]);
    expect(await call('documents:share-link', { id: local[0]!.documentId, expiresInSeconds: 3600 })).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED' },
    });
  });

  it('Nextcloud: Login Flow v2 through the browser, then documents under the discovered user id', async () => {
    const attempt = await value<LoginAttemptDto>('connections:nextcloud-login', { serverUrl: nextcloud.url, label: 'Cloud' });
    expect(opened.at(-1)).toBe(attempt.loginUrl);
    await nextcloud.approveLogin();
    let finished: EventMap['connections:login-finished'] | undefined;
    for (let i = 0; i < 200 && !finished; i++) {
      await new Promise((r) => setTimeout(r, 25));
      finished = t.events
        .filter((e) => e.event === 'connections:login-finished')
        .map((e) => e.payload as EventMap['connections:login-finished'])
        .find((e) => e.attemptId === attempt.attemptId);
    }
    expect(finished?.error).toBeNull();
    const connection = finished!.connection!;
    expect(connection).toMatchObject({ provider: 'nextcloud', status: 'ACTIVE', label: 'Cloud' });
    await roundTrip(connection, 'notes.txt', 'from nextcloud');
    expect(await nextcloud.files()).toContain('DocuVault/Cloud docs/notes.txt');

    // Revoked app password: REQUIRES_REAUTH, then no further requests to the server.
    await nextcloud.revokeAppPasswords();
    expect(await value('connections:test', { id: connection.id })).toMatchObject({ ok: false });
    expect((await value<ConnectionDto[]>('connections:list', {})).find((c) => c.id === connection.id)?.status).toBe('REQUIRES_REAUTH');
    const seen = (await nextcloud.requests()).length;
    const doc = (await value<DocumentPage>('documents:list', { search: 'notes' })).items[0]!;
    expect(await call('documents:delete', { ids: [doc.id] })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    expect((await nextcloud.requests()).length).toBe(seen);
  });

  it('never lets a password, key or Authorization header reach a response or the log', () => {
    // (s3rver's secret key equals its access key id, which is shown as the account on purpose, so it cannot be told apart here;
    // the S3 backend's own tests check that a secret key never appears in its errors.)
    const secrets = [webdav.password, 'wrong password 123', nextcloud.password, 'Basic ', 'Authorization'];
    const haystack = [...responses, ...logLines].join('\n');
    for (const secret of secrets) expect(haystack, secret).not.toContain(secret);
    expect(responses.length).toBeGreaterThan(10);
    // A share link carries its signature to the person who asked for it, never to the log.
    expect(logLines.join('\n')).not.toMatch(/appPassword|secretAccessKey|X-Amz-Signature/);
  });
});
