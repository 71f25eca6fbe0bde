import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../src-shared/contract';
import type { ConnectionDto, FolderDto, LoginAttemptDto } from '../../src-shared/domain';
import { readAll } from '../support/streams';
import { approveInBrowser, ScriptedIdentityProvider, scriptedOAuthAdapter } from '../support/scripted-oauth';
import { bytesOf, startTestCore, type TestCore } from '../support/test-core';
import { makeTempDir } from '../support/temp-dir';

let t: TestCore;
let idp: ScriptedIdentityProvider;
let dir: { path: string; remove: () => Promise<void> };
let opened: string[];

beforeEach(async () => {
  dir = await makeTempDir();
  idp = new ScriptedIdentityProvider(join(dir.path, 'drive'));
  opened = [];
  t = await startTestCore({ providers: [scriptedOAuthAdapter(idp)], browser: { open: async (url) => void opened.push(url) } });
  await t.value('credentials:consent', { accept: true });
});
afterEach(async () => {
  await t.close();
  await dir.remove();
});

const finished = () => t.events.filter((e) => e.event === 'connections:login-finished').map((e) => e.payload as EventMap['connections:login-finished']);

async function waitForFinished(count: number): Promise<EventMap['connections:login-finished'][]> {
  for (let i = 0; i < 200 && finished().length < count; i++) await new Promise((r) => setTimeout(r, 10));
  return finished();
}

async function signIn(): Promise<ConnectionDto> {
  const attempt = await t.value<LoginAttemptDto>('connections:connect-oauth', { provider: 'google_drive' });
  await approveInBrowser(opened.at(-1)!);
  const [event] = (await waitForFinished(finished().length + 1)).filter((e) => e.attemptId === attempt.attemptId);
  expect(event?.error).toBeNull();
  return event!.connection!;
}

describe('sign-in through the system browser', () => {
  it('opens the browser with state and a PKCE challenge, and records a pending attempt', async () => {
    const attempt = await t.value<LoginAttemptDto>('connections:connect-oauth', { provider: 'google_drive' });
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0]!);
    expect(attempt.loginUrl).toBe(opened[0]);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(await t.value('connections:list', {})).toEqual([]);
  });

  it('creates an ACTIVE connection with the account from a valid callback, and announces it', async () => {
    const connection = await signIn();
    expect(connection).toMatchObject({ provider: 'google_drive', status: 'ACTIVE', account: 'alice@example.com', label: 'Google Drive' });
    expect(t.events.some((e) => e.event === 'connections:changed')).toBe(true);
  });

  it('refuses a forged, reused or denied callback and creates nothing', async () => {
    await t.value('connections:connect-oauth', { provider: 'google_drive' });
    const url = opened[0]!;
    await approveInBrowser(url, { state: 'forged-state' });
    const [forged] = await waitForFinished(1);
    expect(forged).toMatchObject({ attemptId: null, connection: null, error: { code: 'VALIDATION' } });
    expect(await t.value('connections:list', {})).toEqual([]);

    const denied = await t.value<LoginAttemptDto>('connections:connect-oauth', { provider: 'google_drive' });
    await approveInBrowser(opened[1]!, { code: null, error: 'access_denied' });
    const events = await waitForFinished(2);
    expect(events.find((e) => e.attemptId === denied.attemptId)).toMatchObject({
      connection: null,
      error: { code: 'CANCELLED', message: expect.stringContaining('access was not granted') },
    });
    // The same state again (a replayed redirect) is refused too.
    await t.core.signIn.handleCallback(new URLSearchParams({ code: 'x', state: new URL(opened[1]!).searchParams.get('state')! }));
    expect(finished().at(-1)).toMatchObject({ attemptId: null, error: { code: 'VALIDATION' } });
    expect(await t.value('connections:list', {})).toEqual([]);
  });

  it('a forged request to the loopback port does not cut the genuine sign-in short', async () => {
    const attempt = await t.value<LoginAttemptDto>('connections:connect-oauth', { provider: 'google_drive' });
    const forged = await approveInBrowser(opened[0]!, { state: 'forged-state', code: 'evil' });
    expect(forged.status).toBe(400);
    await approveInBrowser(opened[0]!);
    const events = await waitForFinished(2);
    expect(events[0]).toMatchObject({ attemptId: null, error: { code: 'VALIDATION' } });
    expect(events.find((e) => e.attemptId === attempt.attemptId)).toMatchObject({ error: null, connection: { status: 'ACTIVE' } });
  });

  it('says how to configure a provider that is not configured in this build', async () => {
    idp.configured = false;
    expect(await t.call('connections:connect-oauth', { provider: 'google_drive' })).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED', message: expect.stringContaining('DOCUVAULT_GOOGLE_CLIENT_ID') },
    });
    expect(opened).toEqual([]);
  });

  it('cancels a pending attempt', async () => {
    const attempt = await t.value<LoginAttemptDto>('connections:connect-oauth', { provider: 'google_drive' });
    expect(await t.value('connections:cancel-login', { attemptId: attempt.attemptId })).toEqual({ cancelled: true });
    expect((await approveInBrowser(opened[0]!).catch(() => null))?.ok ?? false).toBe(false);
    expect(await t.value('connections:list', {})).toEqual([]);
  });
});

describe('tokens', () => {
  it('refreshes an expired access token once for ten concurrent operations', async () => {
    const connection = await signIn();
    const folder = await t.value<FolderDto>('folders:create', { name: 'Drive', connectionId: connection.id });
    const items = await t.uploadAndWait(
      folder.id,
      Array.from({ length: 10 }, (_, i) => ({ kind: 'bytes', name: `doc-${i}.txt`, bytes: bytesOf(`document ${i}`) })),
    );
    expect(items.every((i) => i.state === 'done')).toBe(true);
    idp.expireAccessToken();
    const contents = await Promise.all(
      items.map(async (item) => (await readAll((await t.core.documents.openContent(item.documentId!)).stream)).toString()),
    );
    expect(contents).toEqual(items.map((_, i) => `document ${i}`));
    expect(idp.refreshCalls).toBe(1);
  });

  it('turns a revoked grant into REQUIRES_REAUTH and REAUTH_REQUIRED; reconnect restores the same documents', async () => {
    const connection = await signIn();
    const folder = await t.value<FolderDto>('folders:create', { name: 'Drive', connectionId: connection.id });
    const [item] = await t.uploadAndWait(folder.id, [{ kind: 'bytes', name: 'a.txt', bytes: bytesOf('kept safe') }]);
    idp.revoked = true;
    idp.expireAccessToken();
    await expect(t.core.documents.openContent(item!.documentId!)).rejects.toMatchObject({
      code: 'REAUTH_REQUIRED',
      message: 'Cloud connection requires re-authentication. Please reconnect in Settings.',
    });
    expect((await t.value<ConnectionDto[]>('connections:list', {}))[0]!.status).toBe('REQUIRES_REAUTH');
    const requests = idp.requests;
    await expect(t.core.documents.openContent(item!.documentId!)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    expect(idp.requests).toBe(requests);

    const attempt = await t.value<LoginAttemptDto>('connections:connect-oauth', { provider: 'google_drive', reconnectId: connection.id });
    await approveInBrowser(opened.at(-1)!);
    const event = (await waitForFinished(2)).find((e) => e.attemptId === attempt.attemptId)!;
    expect(event.connection).toMatchObject({ id: connection.id, status: 'ACTIVE' });
    expect((await readAll((await t.core.documents.openContent(item!.documentId!)).stream)).toString()).toBe('kept safe');
  });

  it('refuses a reconnect signed in with another account', async () => {
    const connection = await signIn();
    idp.accountId = 'someone-else';
    idp.email = 'mallory@example.com';
    const attempt = await t.value<LoginAttemptDto>('connections:connect-oauth', { provider: 'google_drive', reconnectId: connection.id });
    await approveInBrowser(opened.at(-1)!);
    const event = (await waitForFinished(2)).find((e) => e.attemptId === attempt.attemptId)!;
    expect(event.error?.message).toContain('mallory@example.com');
  });

  it('disconnect deletes the tokens', async () => {
    const connection = await signIn();
    await t.value('connections:disconnect', { id: connection.id, documents: 'forget' });
    expect(t.core.db.prepare('SELECT COUNT(*) FROM connections').pluck().get()).toBe(0);
  });
});
