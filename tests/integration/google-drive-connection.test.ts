import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventMap } from '../../src-shared/contract';
import type { ConnectionDto, FolderDto, LoginAttemptDto } from '../../src-shared/domain';
import { googleDriveProvider } from '../../src-main/core/connections/providers/google-drive-provider';
import { GoogleDriveBackend } from '../../src-main/core/storage/google-drive/google-drive-backend';
import { FAKE_GOOGLE_ACCOUNT, FAKE_GOOGLE_CLIENT, startGoogleFake, type GoogleFake } from '../servers/google-fake/google-fake';
import { visitInBrowser } from '../servers/google-fake/simulated-browser';
import { readAll, sha256 } from '../support/streams';
import { makeTempDir } from '../support/temp-dir';
import { startTestCore, type TestCore } from '../support/test-core';

let google: GoogleFake;
let t: TestCore;

beforeEach(async () => {
  google = await startGoogleFake();
  t = await startTestCore({
    providers: [googleDriveProvider({ oauth: { clientId: FAKE_GOOGLE_CLIENT.clientId, clientSecret: FAKE_GOOGLE_CLIENT.clientSecret }, baseUrl: google.url })],
    // The system browser: load the authorization URL and follow Google's redirect back to the app.
    browser: { open: async (url) => void visitInBrowser(url) },
  });
  await t.value('credentials:consent', { accept: true });
});
afterEach(async () => {
  await t.close();
  await google.close();
});

async function loginFinished(attemptId: string): Promise<EventMap['connections:login-finished']> {
  for (let i = 0; i < 400; i++) {
    const event = t.events
      .filter((e) => e.event === 'connections:login-finished')
      .map((e) => e.payload as EventMap['connections:login-finished'])
      .find((e) => e.attemptId === attemptId);
    if (event) return event;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('sign-in did not finish');
}

async function connectGoogle(reconnectId?: string): Promise<ConnectionDto> {
  const attempt = await t.value<LoginAttemptDto>('connections:connect-oauth', { provider: 'google_drive', ...(reconnectId ? { reconnectId } : {}) });
  const url = new URL(attempt.loginUrl);
  expect(url.origin).toBe(google.url);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('access_type')).toBe('offline');
  expect(url.searchParams.get('prompt')).toBe('consent');
  expect(url.searchParams.get('scope')).toContain('drive.file');
  const finished = await loginFinished(attempt.attemptId);
  expect(finished.error).toBeNull();
  return finished.connection!;
}

describe('Google Drive through the connections service (real client and backend against the Google fake)', () => {
  it('signs in, uploads directly through the backend, streams the same bytes back', async () => {
    const connection = await connectGoogle();
    expect(connection).toMatchObject({ provider: 'google_drive', status: 'ACTIVE', account: FAKE_GOOGLE_ACCOUNT.email });
    const folder = await t.value<FolderDto>('folders:create', { name: 'Receipts', connectionId: connection.id });
    const bytes = new Uint8Array(700 * 1024).map((_, i) => (i * 7) % 251);
    const [item] = await t.uploadAndWait(folder.id, [{ kind: 'bytes', name: 'scan.pdf', bytes }]);
    expect(item).toMatchObject({ state: 'done' });
    const doc = await t.value<{ sha256: string; backend: string }>('documents:get', { id: item!.documentId });
    expect(doc).toMatchObject({ backend: 'google_drive', sha256: sha256(bytes) });
    expect(await readAll((await t.core.documents.openContent(item!.documentId!)).stream)).toEqual(Buffer.from(bytes));
    // The document sits in a visible DocuVault folder, under its own name.
    expect(google.log.of('files.create').length).toBeGreaterThan(0);
  });

  it('uploads a dropped file (a path) by reading it in place through the guarded backend', async () => {
    const connection = await connectGoogle();
    const folder = await t.value<FolderDto>('folders:create', { name: 'Scans', connectionId: connection.id });
    const dir = await makeTempDir();
    const putFile = vi.spyOn(GoogleDriveBackend.prototype, 'putFile');
    const put = vi.spyOn(GoogleDriveBackend.prototype, 'put');
    try {
      const bytes = Buffer.from(new Uint8Array(900 * 1024).map((_, i) => (i * 13) % 251));
      const path = join(dir.path, 'scan.pdf');
      await writeFile(path, bytes);
      const [item] = await t.uploadAndWait(folder.id, [{ kind: 'path', path }]);
      expect(item).toMatchObject({ state: 'done' });
      expect(putFile).toHaveBeenCalledTimes(1);
      expect(put).not.toHaveBeenCalled();
      const doc = await t.value<{ sha256: string; backend: string }>('documents:get', { id: item!.documentId });
      expect(doc).toMatchObject({ backend: 'google_drive', sha256: sha256(bytes) });
      expect(sha256(await readAll((await t.core.documents.openContent(item!.documentId!)).stream))).toBe(sha256(bytes));
    } finally {
      putFile.mockRestore();
      put.mockRestore();
      await dir.remove();
    }
  });

  it('refreshes an expired access token once for ten concurrent operations; a revoked grant asks for reconnect; reconnect restores', async () => {
    const connection = await connectGoogle();
    const folder = await t.value<FolderDto>('folders:create', { name: 'Drive', connectionId: connection.id });
    const items = await t.uploadAndWait(
      folder.id,
      Array.from({ length: 10 }, (_, i) => ({ kind: 'bytes', name: `d${i}.txt`, bytes: new TextEncoder().encode(`doc ${i}`) })),
    );
    expect(items.every((i) => i.state === 'done')).toBe(true);
    google.expireAllAccessTokens();
    const tokenCallsBefore = google.log.of('token').length;
    const texts = await Promise.all(items.map(async (i) => (await readAll((await t.core.documents.openContent(i.documentId!)).stream)).toString()));
    expect(texts).toEqual(items.map((_, i) => `doc ${i}`));
    expect(google.log.of('token').length - tokenCallsBefore).toBe(1);

    google.revokeRefreshTokens();
    google.expireAllAccessTokens();
    await expect(t.core.documents.openContent(items[0]!.documentId!)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    expect((await t.value<ConnectionDto[]>('connections:list', {}))[0]!.status).toBe('REQUIRES_REAUTH');
    const requests = google.log.mark();
    await expect(t.core.documents.openContent(items[1]!.documentId!)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    expect(google.log.since(requests)).toEqual([]);

    const restored = await connectGoogle(connection.id);
    expect(restored).toMatchObject({ id: connection.id, status: 'ACTIVE' });
    expect((await readAll((await t.core.documents.openContent(items[0]!.documentId!)).stream)).toString()).toBe('doc 0');
  });

  it('disconnect deletes the tokens', async () => {
    const connection = await connectGoogle();
    await t.value('connections:disconnect', { id: connection.id, documents: 'keep-listed' });
    expect(t.core.db.prepare('SELECT credentials FROM connections').pluck().get()).toBeNull();
  });
});
