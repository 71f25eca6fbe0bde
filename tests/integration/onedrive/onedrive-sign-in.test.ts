import { Agent } from 'node:https';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../../src-shared/contract';
import type { ConnectionDto, FolderDto, LoginAttemptDto } from '../../../src-shared/domain';
import { oneDriveProvider } from '../../../src-main/core/connections/providers/onedrive-provider';
import { FAKE_MICROSOFT_CLIENT, startMicrosoftFake, type MicrosoftFake } from '../../servers/microsoft-fake/microsoft-fake';
import { visitInBrowser } from '../../servers/microsoft-fake/simulated-browser';
import { readAll } from '../../support/streams';
import { bytesOf, startTestCore, type TestCore } from '../../support/test-core';
import { DEEP_LINK } from './microsoft-oauth-fixture';

let fake: MicrosoftFake;
let agent: Agent;
let t: TestCore;
let opened: string[];
let deepLinkAvailable: boolean;

beforeAll(async () => {
  fake = await startMicrosoftFake();
  agent = new Agent({ ca: fake.caPem, keepAlive: true });
});
afterAll(async () => {
  agent.destroy();
  await fake.close();
});
beforeEach(async () => {
  opened = [];
  deepLinkAvailable = true;
  t = await startTestCore({
    providers: [
      oneDriveProvider({
        oauth: { clientId: FAKE_MICROSOFT_CLIENT.clientId, authorityHost: fake.httpsUrl, graphBaseUrl: fake.graphBaseUrl(), httpsAgent: agent },
        graphHttpsAgent: agent,
      }),
    ],
    browser: { open: async (url) => void opened.push(url) },
    // What the Electron shell passes: the deep link when the scheme is registered, else null (loopback).
    deepLinkRedirect: (provider) => (provider === 'onedrive' && deepLinkAvailable ? DEEP_LINK : null),
  });
  await t.value('credentials:consent', { accept: true });
});
afterEach(async () => {
  await t.close();
});

const finished = () => t.events.filter((e) => e.event === 'connections:login-finished').map((e) => e.payload as EventMap['connections:login-finished']);

async function waitForFinished(count: number): Promise<EventMap['connections:login-finished'][]> {
  for (let i = 0; i < 300 && finished().length < count; i++) await new Promise((r) => setTimeout(r, 10));
  return finished();
}

/**
 * The person's side of a deep-link sign-in: the system browser loads the
 * authorization URL, the identity platform redirects to
 * docuvault://oauth/microsoft?code=…&state=…, and the OS hands that link to
 * the app, whose deep-link handler passes it to the sign-in service.
 */
async function signInWithDeepLink(): Promise<ConnectionDto> {
  const seen = finished().length;
  const attempt = await t.value<LoginAttemptDto>('connections:connect-oauth', { provider: 'onedrive' });
  const visit = await visitInBrowser(opened.at(-1)!, { ca: fake.caPem });
  expect(visit.appLink).toMatch(/^docuvault:\/\/oauth\/microsoft\?/);
  await t.core.signIn.handleRedirectUrl(visit.appLink!);
  const event = (await waitForFinished(seen + 1)).find((e) => e.attemptId === attempt.attemptId);
  expect(event?.error).toBeNull();
  return event!.connection!;
}

async function scansFolder(connection: ConnectionDto): Promise<FolderDto> {
  const existing = (await t.value<FolderDto[]>('folders:list', {})).find((folder) => folder.name === 'Scans');
  return existing ?? t.value<FolderDto>('folders:create', { name: 'Scans', connectionId: connection.id });
}

async function documentIn(connection: ConnectionDto, name: string, text: string) {
  const folder = await scansFolder(connection);
  const [item] = await t.uploadAndWait(folder.id, [{ kind: 'bytes', name, bytes: bytesOf(text) }]);
  expect(item?.state).toBe('done');
  return item!.documentId!;
}

const contentOf = async (documentId: string) => (await readAll((await t.core.documents.openContent(documentId)).stream)).toString();

describe('OneDrive through the connections service', () => {
  it('connects through the deep link: an ACTIVE connection, its DocuVault folder, and uploads landing in it', async () => {
    const connection = await signInWithDeepLink();
    expect(connection).toMatchObject({ provider: 'onedrive', status: 'ACTIVE', account: 'robin.example@outlook.com', label: 'OneDrive' });
    expect(new URL(opened[0]!).searchParams.get('redirect_uri')).toBe(DEEP_LINK);
    expect(fake.store.resolvePath('root', ['DocuVault'])?.isFolder).toBe(true);
    const documentId = await documentIn(connection, 'invoice.pdf', 'invoice bytes');
    expect(fake.store.resolvePath('root', ['DocuVault', 'Scans', 'invoice.pdf'])).toBeDefined();
    expect(await contentOf(documentId)).toBe('invoice bytes');
  });

  it('falls back to a loopback redirect when the deep link is not registered', async () => {
    deepLinkAvailable = false;
    const attempt = await t.value<LoginAttemptDto>('connections:connect-oauth', { provider: 'onedrive' });
    expect(new URL(opened[0]!).searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const visit = await visitInBrowser(opened[0]!, { ca: fake.caPem });
    expect(visit.finalBody).toContain('Sign-in received');
    const event = (await waitForFinished(1)).find((e) => e.attemptId === attempt.attemptId);
    expect(event?.connection).toMatchObject({ provider: 'onedrive', status: 'ACTIVE' });
  });

  it('refreshes an expired access token once for concurrent reads, and again after a restart (the sealed MSAL cache)', async () => {
    const connection = await signInWithDeepLink();
    const ids: string[] = [];
    for (const n of ['a', 'b', 'c']) ids.push(await documentIn(connection, `${n}.txt`, `doc ${n}`));
    fake.expireAllAccessTokens();
    const before = fake.log.of('token').length;
    expect(await Promise.all(ids.map(contentOf))).toEqual(['doc a', 'doc b', 'doc c']);
    expect(fake.log.of('token').length - before).toBe(1);
    await t.reopen();
    fake.expireAllAccessTokens();
    expect(await contentOf(ids[0]!)).toBe('doc a');
    expect(fake.log.of('token').length - before).toBe(2);
  });

  it('a revoked grant puts the connection in REQUIRES_REAUTH, after which nothing is sent to Graph', async () => {
    const connection = await signInWithDeepLink();
    const documentId = await documentIn(connection, 'kept.txt', 'kept safe');
    fake.revokeRefreshTokens();
    await expect(t.core.documents.openContent(documentId)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    expect((await t.value<ConnectionDto[]>('connections:list', {}))[0]!.status).toBe('REQUIRES_REAUTH');
    const mark = fake.log.mark();
    await expect(t.core.documents.openContent(documentId)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    expect(fake.log.since(mark)).toHaveLength(0);
  });
});
