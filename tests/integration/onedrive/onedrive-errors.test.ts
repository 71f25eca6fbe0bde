import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { readAll } from '../../support/streams';
import { hint, patterned, putBytes, startOneDriveFixture, type OneDriveFixture } from './onedrive-fixture';

const QUANTUM = 320 * 1024;

let f: OneDriveFixture;
afterEach(async () => {
  await f?.close();
});

const renderings = (error: unknown) => [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];

describe('OneDrive downloads', () => {
  it('follow the 302 of /content to the pre-authenticated URL without the bearer token, with Range', async () => {
    f = await startOneDriveFixture();
    const { key } = await putBytes(f.backend, Buffer.from('0123456789'));
    const mark = f.fake.log.mark();
    expect((await readAll(await f.backend.get(key, { range: { start: 3, end: 6 } }))).toString()).toBe('3456');
    const [content, download] = f.fake.log.since(mark);
    expect(content).toMatchObject({ operation: 'item.content', status: 302, hadAuthorization: true });
    // The fake answers 401 to a download that carries Authorization; this one went through bare.
    expect(download).toMatchObject({ operation: 'download', status: 206, hadAuthorization: false, range: 'bytes=3-6' });
    expect((await readAll(await f.backend.get(key))).toString()).toBe('0123456789');
  });

  it('a range past the end is VALIDATION; a missing item is NOT_FOUND; a key that is not an item id sends nothing', async () => {
    f = await startOneDriveFixture();
    const { key } = await putBytes(f.backend, Buffer.from('short'));
    await expect(f.backend.get(key, { range: { start: 10, end: 20 } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await f.backend.delete(key);
    await expect(f.backend.get(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const mark = f.fake.log.mark();
    await expect(f.backend.get('../../me/drive')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await f.backend.stat('a/b')).toBeNull();
    await f.backend.delete('x?y');
    // A URL parser would turn `items/..` into `/me/drive/`.
    await f.backend.delete('..');
    await expect(f.backend.relocate('..', hint())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(f.fake.log.since(mark)).toHaveLength(0);
  });

  it('a download URL that expired between the redirect and the GET is asked for again, once', async () => {
    f = await startOneDriveFixture();
    const { key } = await putBytes(f.backend, Buffer.from('fresh link'));
    f.fake.faults.inject({ kind: 'status', status: 410 }, { operation: 'download' });
    const mark = f.fake.log.mark();
    expect((await readAll(await f.backend.get(key))).toString()).toBe('fresh link');
    expect(f.fake.log.since(mark).map((entry) => `${entry.operation} ${entry.status}`)).toEqual([
      'item.content 302',
      'download 410',
      'item.content 302',
      'download 200',
    ]);
  });

  it('never follows a download URL that downgrades to plain http while Graph is https', async () => {
    f = await startOneDriveFixture();
    const { key } = await putBytes(f.backend, Buffer.from('no downgrade'));
    f.fake.advertise(f.fake.httpUrl);
    const mark = f.fake.log.mark();
    await expect(f.backend.get(key)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(f.fake.log.since(mark, 'download')).toHaveLength(0);
  });
});

describe('OneDrive throttling and server trouble', () => {
  it('honours 429 with Retry-After on Graph calls', async () => {
    f = await startOneDriveFixture();
    const { key } = await putBytes(f.backend, Buffer.from('throttled'));
    f.fake.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { operation: 'item.content' });
    const mark = f.fake.log.mark();
    expect((await readAll(await f.backend.get(key))).toString()).toBe('throttled');
    const [throttled, retried] = f.fake.log.since(mark, 'item.content');
    expect(throttled!.status).toBe(429);
    // The retry policy's own backoff here is at most 200 ms: only Retry-After explains the wait.
    expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(950);
  });

  it('honours 429 with Retry-After on a fragment, and the upload completes', async () => {
    f = await startOneDriveFixture({ backend: { fragmentSize: QUANTUM } });
    f.fake.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { operation: 'session.fragment', skip: 1 });
    const data = patterned(3 * QUANTUM, 3);
    const { key } = await putBytes(f.backend, data);
    const sent = f.fake.log.of('session.fragment');
    const throttledAt = sent.findIndex((entry) => entry.status === 429);
    expect(throttledAt).toBe(1);
    const next = f.fake.log.entries.find((entry) => entry.at > sent[1]!.at && (entry.operation === 'session.status' || entry.operation === 'session.fragment'));
    expect(next!.at - sent[1]!.at).toBeGreaterThanOrEqual(950);
    expect((await readAll(await f.backend.get(key))).equals(data)).toBe(true);
  });

  it('retries 503 with exponential backoff (Graph calls and fragments)', async () => {
    f = await startOneDriveFixture({ backend: { fragmentSize: QUANTUM } });
    f.fake.faults.inject({ kind: 'status', status: 503 }, { operation: 'session.create' });
    f.fake.faults.inject({ kind: 'status', status: 503 }, { operation: 'session.fragment' });
    f.fake.faults.inject({ kind: 'reset' }, { operation: 'session.fragment' });
    const data = patterned(2 * QUANTUM + 1, 4);
    const { key } = await putBytes(f.backend, data);
    expect(f.fake.faults.pending).toBe(0);
    expect((await readAll(await f.backend.get(key))).equals(data)).toBe(true);
  });

  it('gives up after the attempts run out, as BACKEND_UNAVAILABLE, leaving nothing', async () => {
    f = await startOneDriveFixture();
    for (let i = 0; i < 4; i++) f.fake.faults.inject({ kind: 'status', status: 503 }, { operation: 'session.fragment' });
    await expect(putBytes(f.backend, Buffer.from('never'))).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(f.files()).toEqual([]);
    expect(f.fake.uploads.openSessions).toBe(0);
  });

  it('507 (drive full) is QUOTA_EXCEEDED and is not retried: at the session, and on the last fragment', async () => {
    f = await startOneDriveFixture();
    f.fake.store.quotaTotal = 1000;
    const mark = f.fake.log.mark();
    await expect(putBytes(f.backend, patterned(5000))).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(f.fake.log.since(mark, 'session.create').map((entry) => entry.status)).toEqual([507]);
    f.fake.store.quotaTotal = 5 * 1024 ** 3;
    f.fake.faults.inject({ kind: 'status', status: 507 }, { operation: 'session.fragment' });
    const again = f.fake.log.mark();
    await expect(putBytes(f.backend, Buffer.from('full at the end'))).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(f.fake.log.since(again, 'session.fragment').map((entry) => entry.status)).toEqual([507]);
    expect(f.files()).toEqual([]);
  });
});

describe('OneDrive credentials', () => {
  it('401 is token_expired, after exactly one request; with a fresh token (the service refreshes) it works', async () => {
    f = await startOneDriveFixture();
    const { key } = await putBytes(f.backend, Buffer.from('tokens'));
    f.fake.expireAllAccessTokens();
    const mark = f.fake.log.mark();
    await expect(f.backend.get(key)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'token_expired' });
    expect(f.fake.log.since(mark).map((entry) => entry.status)).toEqual([401]);
    f.token = f.fake.mintAccessToken();
    expect((await readAll(await f.backend.get(key))).toString()).toBe('tokens');
  });

  it('a token without the files permission (403) needs a new consent: unauthorized', async () => {
    f = await startOneDriveFixture();
    f.token = f.fake.mintAccessToken(['User.Read']);
    await expect(f.backend.healthCheck()).rejects.toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'unauthorized' });
  });

  it('after a refused token an upload sends nothing more, and leaves its staged leftover to discardIncomplete', async () => {
    f = await startOneDriveFixture();
    const h = hint('moved-later.pdf');
    f.fake.faults.inject({ kind: 'status', status: 401 }, { operation: 'item.update' });
    await expect(putBytes(f.backend, Buffer.from('staged'), h)).rejects.toMatchObject({ reason: 'token_expired' });
    const lastRequest = f.fake.log.entries.at(-1)!;
    expect(lastRequest).toMatchObject({ operation: 'item.update', status: 401 });
    expect(f.files()).toEqual([`DocuVault/.docuvault-staging/${h.documentId}`]);
    await f.backend.discardIncomplete(h.documentId);
    await f.backend.discardIncomplete(h.documentId);
    expect(f.files()).toEqual([]);
  });

  it('no token, upload URL or download URL appears in any error', async () => {
    f = await startOneDriveFixture({ backend: { fragmentSize: QUANTUM } });
    const { key } = await putBytes(f.backend, Buffer.from('secret-free'));
    const failures: unknown[] = [];
    f.fake.expireAllAccessTokens();
    failures.push(await f.backend.get(key).catch((e: unknown) => e));
    f.token = f.fake.mintAccessToken();
    f.fake.faults.inject({ kind: 'status', status: 507 }, { operation: 'session.fragment' });
    failures.push(await putBytes(f.backend, patterned(2 * QUANTUM)).catch((e: unknown) => e));
    for (let i = 0; i < 4; i++) f.fake.faults.inject({ kind: 'status', status: 503 }, { operation: 'download' });
    failures.push(await f.backend.get(key).catch((e: unknown) => e));
    f.fake.faults.inject({ kind: 'status', status: 404 }, { operation: 'session.fragment', skip: 1 });
    failures.push(await putBytes(f.backend, patterned(3 * QUANTUM)).catch((e: unknown) => e));
    const secrets = [f.token, ...f.fake.log.entries.filter((e) => e.operation === 'session.fragment' || e.operation === 'download').map((e) => e.path.split('/').at(-1)!)];
    expect(failures.map((failure) => (failure as { code?: string }).code)).toEqual([
      'REAUTH_REQUIRED',
      'QUOTA_EXCEEDED',
      'BACKEND_UNAVAILABLE',
      'BACKEND_UNAVAILABLE',
    ]);
    for (const failure of failures) for (const text of renderings(failure)) for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
