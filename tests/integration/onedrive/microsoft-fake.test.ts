import { createPublicKey, type JsonWebKeyInput } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickXorHashOf } from '../../../src-main/core/storage/onedrive/quick-xor-hash';
import { startMicrosoftFake, FAKE_MICROSOFT_CLIENT, type MicrosoftFake } from '../../servers/microsoft-fake/microsoft-fake';
import { patterned } from './onedrive-fixture';

const QUANTUM = 320 * 1024;
let fake: MicrosoftFake;
let token: string;

beforeAll(async () => {
  fake = await startMicrosoftFake();
  token = fake.mintAccessToken();
});
afterAll(async () => {
  await fake.close();
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

/** A bare HTTPS request to the fake, trusting its CA; `bearer: true` sends the test's access token. */
function call(method: string, url: string, options: { bearer?: boolean; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = options.body ?? '';
    const headers: Record<string, string> = { ...options.headers, 'Content-Length': String(Buffer.byteLength(body)) };
    if (options.bearer) headers.Authorization = `Bearer ${token}`;
    const req = httpsRequest(url, { method, headers, ca: fake.caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const graph = (path: string) => `${fake.graphBaseUrl()}${path}`;
const json = (value: unknown) => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });

async function folder(name: string): Promise<string> {
  const made = await call('POST', graph('/me/drive/root/children'), { bearer: true, ...json({ name, folder: {}, '@microsoft.graph.conflictBehavior': 'rename' }) });
  expect(made.status).toBe(201);
  return made.json<{ id: string }>().id;
}

async function session(parentId: string, name: string, item: Record<string, unknown> = {}): Promise<string> {
  const created = await call('POST', graph(`/me/drive/items/${encodeURIComponent(parentId)}:/${encodeURIComponent(name)}:/createUploadSession`), {
    bearer: true,
    ...json({ item }),
  });
  expect(created.status).toBe(200);
  return created.json<{ uploadUrl: string }>().uploadUrl;
}

const fragment = (uploadUrl: string, data: Buffer, first: number, total: number, extra: Record<string, string> = {}) =>
  call('PUT', uploadUrl, { headers: { 'Content-Range': `bytes ${first}-${first + data.length - 1}/${total}`, ...extra }, body: data });

describe('Microsoft fake: identity platform over TLS', () => {
  it('serves v2.0 OpenID metadata whose endpoints are its own, and a JWKS with its RS256 signing key', async () => {
    const metadata = (await call('GET', `${fake.authority()}/v2.0/.well-known/openid-configuration`)).json<Record<string, string>>();
    expect(metadata).toMatchObject({
      authorization_endpoint: `${fake.authority()}/oauth2/v2.0/authorize`,
      token_endpoint: `${fake.authority()}/oauth2/v2.0/token`,
      issuer: `${fake.httpsUrl}/{tenantid}/v2.0`,
    });
    const jwks = (await call('GET', metadata.jwks_uri!)).json<{ keys: Array<Record<string, string>> }>();
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', use: 'sig', alg: 'RS256', kid: expect.any(String) })]);
    expect(createPublicKey({ key: jwks.keys[0] as JsonWebKeyInput['key'], format: 'jwk' }).asymmetricKeyType).toBe('rsa');
  });

  it('refuses a public client that presents a secret (AADSTS700025) and an unknown client (AADSTS700016)', async () => {
    const form = (fields: Record<string, string>) => ({
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const withSecret = await call('POST', `${fake.authority()}/oauth2/v2.0/token`, form({ client_id: FAKE_MICROSOFT_CLIENT.clientId, client_secret: 's', grant_type: 'refresh_token', refresh_token: 'r' }));
    expect(withSecret.status).toBe(401);
    expect(withSecret.json()).toMatchObject({ error: 'invalid_client', error_codes: [700025] });
    const unknown = await call('POST', `${fake.authority()}/oauth2/v2.0/token`, form({ client_id: 'nobody', grant_type: 'refresh_token', refresh_token: 'r' }));
    expect(unknown.json()).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
  });
});

describe('Microsoft fake: Graph', () => {
  it('401 InvalidAuthenticationToken (with WWW-Authenticate) for an unknown or expired token; /me needs User.Read', async () => {
    const refused = await call('GET', graph('/me/drive'), { headers: { Authorization: 'Bearer not-a-token' } });
    expect(refused.status).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer /);
    expect((await call('GET', graph('/me'), { bearer: true })).status).toBe(403);
    const withUserRead = fake.mintAccessToken(['User.Read']);
    const me = await call('GET', graph('/me'), { headers: { Authorization: `Bearer ${withUserRead}` } });
    expect(me.json()).toMatchObject({ displayName: 'Robin Example' });
  });

  it('addresses items by path, fails folder creation and moves on a taken name (409 nameAlreadyExists)', async () => {
    const parent = await folder('Paths');
    expect((await call('GET', graph('/me/drive/root:/Paths:'), { bearer: true })).json()).toMatchObject({ id: parent, folder: { childCount: 0 } });
    expect((await call('GET', graph('/me/drive/root:/paths'), { bearer: true })).status).toBe(200);
    const again = await call('POST', graph(`/me/drive/items/${encodeURIComponent(parent)}/children`), { bearer: true, ...json({ name: 'Sub', folder: {} }) });
    expect(again.status).toBe(201);
    const clash = await call('POST', graph(`/me/drive/items/${encodeURIComponent(parent)}/children`), { bearer: true, ...json({ name: 'SUB', folder: {} }) });
    expect(clash.status).toBe(409);
    expect(clash.json()).toMatchObject({ error: { code: 'nameAlreadyExists' } });
    const other = await call('POST', graph(`/me/drive/items/${encodeURIComponent(parent)}/children`), { bearer: true, ...json({ name: 'Other', folder: {} }) });
    const moveClash = await call('PATCH', graph(`/me/drive/items/${encodeURIComponent(other.json<{ id: string }>().id)}`), { bearer: true, ...json({ name: 'sub' }) });
    expect(moveClash.status).toBe(409);
    const badName = await call('POST', graph(`/me/drive/items/${encodeURIComponent(parent)}/children`), { bearer: true, ...json({ name: 'a?b', folder: {} }) });
    expect(badName.status).toBe(400);
  });
});

describe('Microsoft fake: upload sessions', () => {
  it('enforces the fragment rules: no Authorization, 320 KiB multiples, Content-Length, order (416), size', async () => {
    const parent = await folder('Rules');
    const data = patterned(2 * QUANTUM + 100);
    const url = await session(parent, 'rules.bin');
    const refused = await call('PUT', url, { headers: { 'Content-Range': `bytes 0-${QUANTUM - 1}/${data.length}`, Authorization: `Bearer ${token}` }, body: data.subarray(0, QUANTUM) });
    expect(refused.status).toBe(401);
    expect((await fragment(url, data.subarray(0, QUANTUM + 1), 0, data.length)).status).toBe(400);
    const mismatched = await call('PUT', url, { headers: { 'Content-Range': `bytes 0-${QUANTUM - 1}/${data.length}` }, body: data.subarray(0, 10) });
    expect(mismatched.status).toBe(400);
    expect((await fragment(url, data.subarray(QUANTUM, 2 * QUANTUM), QUANTUM, data.length)).status).toBe(416);
    const accepted = await fragment(url, data.subarray(0, QUANTUM), 0, data.length);
    expect(accepted.status).toBe(202);
    expect(accepted.json()).toMatchObject({ nextExpectedRanges: [`${QUANTUM}-`] });
    // The same range again: already received.
    expect((await fragment(url, data.subarray(0, QUANTUM), 0, data.length)).status).toBe(416);
    expect((await call('GET', url)).json()).toMatchObject({ nextExpectedRanges: [`${QUANTUM}-`] });
    const done = await fragment(url, data.subarray(QUANTUM), QUANTUM, data.length);
    expect(done.status).toBe(201);
    expect(done.json()).toMatchObject({
      name: 'rules.bin',
      size: data.length,
      file: { hashes: { quickXorHash: quickXorHashOf(data) } },
      parentReference: { id: parent, path: '/drive/root:/Rules' },
    });
    // A finished session's URL is gone.
    expect((await call('GET', url)).status).toBe(404);
  });

  it('refuses a fragment of 60 MiB or more before reading it', async () => {
    const url = await session(await folder('Big'), 'big.bin');
    const answer = await new Promise<number>((resolve, reject) => {
      const length = 60 * 1024 * 1024;
      const req = httpsRequest(url, { method: 'PUT', ca: fake.caPem, headers: { 'Content-Range': `bytes 0-${length - 1}/${length + 1}`, 'Content-Length': String(length) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(answer).toBe(413);
  });

  it('conflictBehavior fail: a name taken during the upload answers 409 on the last fragment; the session stays until cancelled', async () => {
    const parent = await folder('Conflicts');
    const data = patterned(QUANTUM + 5);
    const url = await session(parent, 'taken.txt', { '@microsoft.graph.conflictBehavior': 'fail' });
    expect((await fragment(url, data.subarray(0, QUANTUM), 0, data.length)).status).toBe(202);
    const simple = await call('PUT', graph(`/me/drive/items/${encodeURIComponent(parent)}:/taken.txt:/content`), { bearer: true, body: 'meanwhile' });
    expect(simple.status).toBe(201);
    const last = await fragment(url, data.subarray(QUANTUM), QUANTUM, data.length);
    expect(last.status).toBe(409);
    expect(last.json()).toMatchObject({ error: { code: 'nameAlreadyExists' } });
    expect((await call('GET', url)).json()).toMatchObject({ nextExpectedRanges: [] });
    expect((await call('DELETE', url)).status).toBe(204);
    expect((await call('GET', url)).status).toBe(404);
    // createUploadSession itself fails at once when the name is already taken.
    const early = await call('POST', graph(`/me/drive/items/${encodeURIComponent(parent)}:/taken.txt:/createUploadSession`), {
      bearer: true,
      ...json({ item: { '@microsoft.graph.conflictBehavior': 'fail' } }),
    });
    expect(early.status).toBe(409);
  });
});

describe('Microsoft fake: downloads', () => {
  it('/content answers 302 to a pre-authenticated URL that refuses Authorization and serves Range', async () => {
    const parent = await folder('Downloads');
    const put = await call('PUT', graph(`/me/drive/items/${encodeURIComponent(parent)}:/d.txt:/content`), { bearer: true, body: '0123456789' });
    const id = put.json<{ id: string }>().id;
    const redirect = await call('GET', graph(`/me/drive/items/${encodeURIComponent(id)}/content`), { bearer: true });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.location as string;
    expect(new URL(location).pathname).toMatch(/^\/download\//);
    expect((await call('GET', location, { bearer: true })).status).toBe(401);
    const whole = await call('GET', location);
    expect([whole.status, whole.text]).toEqual([200, '0123456789']);
    const part = await call('GET', location, { headers: { Range: 'bytes=2-4' } });
    expect([part.status, part.text, part.headers['content-range']]).toEqual([206, '234', 'bytes 2-4/10']);
    expect((await call('GET', location, { headers: { Range: 'bytes=10-20' } })).status).toBe(416);
    fake.downloads.expireAll();
    expect((await call('GET', location)).status).toBe(410);
  });
});
