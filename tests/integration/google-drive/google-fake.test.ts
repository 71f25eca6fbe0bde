import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPkcePair } from '../../../src-main/core/oauth/pkce';
import { DRIVE_FILE_SCOPE } from '../../servers/google-fake/fake-identity';
import { FAKE_GOOGLE_CLIENT, startGoogleFake, type GoogleFake } from '../../servers/google-fake/google-fake';

/**
 * The fake is only worth testing against if it refuses what Google refuses:
 * these pin its protocol rules with plain HTTP, independent of DocuVault's clients.
 */
let fake: GoogleFake;
let token: string;
const QUANTUM = 256 * 1024;

beforeAll(async () => {
  fake = await startGoogleFake();
  token = fake.mintAccessToken();
});
afterAll(async () => {
  await fake.close();
});

const api = (path: string, init: RequestInit = {}, bearer: string | null = token) =>
  fetch(`${fake.url}${path}`, {
    redirect: 'manual',
    ...init,
    headers: { ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}), ...(init.headers as Record<string, string>) },
  });

async function startSession(size: number, fields?: string): Promise<string> {
  const res = await api(`/upload/drive/v3/files?uploadType=resumable${fields ? `&fields=${fields}` : ''}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Upload-Content-Length': String(size) },
    body: JSON.stringify({ name: 'raw.bin', appProperties: { docuvaultId: 'raw' } }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('location')!;
}

const putChunk = (session: string, range: string, body: Uint8Array) =>
  fetch(session, { method: 'PUT', redirect: 'manual', headers: { 'Content-Range': range }, body: Buffer.from(body) });

describe('Google fake: Drive API rules', () => {
  it('answers 401 UNAUTHENTICATED without a valid token on every API endpoint', async () => {
    fake.expireAllAccessTokens();
    const expired = token;
    token = fake.mintAccessToken();
    const calls: Array<[string, RequestInit]> = [
      ['/drive/v3/about?fields=user', {}],
      ['/drive/v3/files', {}],
      ['/drive/v3/files', { method: 'POST', body: '{}' }],
      ['/drive/v3/files/abc', {}],
      ['/drive/v3/files/abc', { method: 'PATCH', body: '{}' }],
      ['/drive/v3/files/abc', { method: 'DELETE' }],
      ['/upload/drive/v3/files?uploadType=resumable', { method: 'POST', body: '{}' }],
    ];
    for (const [path, init] of calls) {
      for (const bearer of [null, expired, 'ya29.unknown']) {
        const res = await api(path, init, bearer);
        expect(res.status, `${init.method ?? 'GET'} ${path}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toContain('invalid_token');
        expect(((await res.json()) as { error: { status: string } }).error.status).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('insists on `fields` for about, and returns only default members of a file without it', async () => {
    expect((await api('/drive/v3/about')).status).toBe(400);
    const session = await startSession(3);
    const done = await putChunk(session, 'bytes 0-2/3', new Uint8Array([1, 2, 3]));
    expect(done.status).toBe(200);
    expect(Object.keys((await done.json()) as object).sort()).toEqual(['id', 'kind', 'mimeType', 'name']);
  });

  it('resumable sessions: 256 KiB multiples, contiguous ranges, status queries, and the file resource at the end', async () => {
    const size = 2 * QUANTUM + 5;
    const data = new Uint8Array(size).map((_, i) => i % 251);
    const session = await startSession(size, 'id,size,md5Checksum,sha256Checksum,appProperties');
    expect(new URL(session).searchParams.get('upload_id')).toBeTruthy();
    // Not a multiple of 256 KiB, and not the last chunk.
    expect((await putChunk(session, `bytes 0-99999/${size}`, data.subarray(0, 100_000))).status).toBe(400);
    // A gap.
    expect((await putChunk(session, `bytes ${QUANTUM}-${2 * QUANTUM - 1}/${size}`, data.subarray(QUANTUM, 2 * QUANTUM))).status).toBe(400);
    // A wrong total.
    expect((await putChunk(session, `bytes 0-${QUANTUM - 1}/${size + 1}`, data.subarray(0, QUANTUM))).status).toBe(400);
    const first = await putChunk(session, `bytes 0-${QUANTUM - 1}/${size}`, data.subarray(0, QUANTUM));
    expect(first.status).toBe(308);
    expect(first.headers.get('range')).toBe(`bytes=0-${QUANTUM - 1}`);
    const query = await putChunk(session, `bytes */${size}`, new Uint8Array());
    expect(query.status).toBe(308);
    expect(query.headers.get('range')).toBe(`bytes=0-${QUANTUM - 1}`);
    const last = await putChunk(session, `bytes ${QUANTUM}-${size - 1}/${size}`, data.subarray(QUANTUM));
    expect(last.status).toBe(200);
    expect(await last.json()).toEqual({
      id: expect.any(String),
      size: String(size),
      md5Checksum: createHash('md5').update(data).digest('hex'),
      sha256Checksum: createHash('sha256').update(data).digest('hex'),
      appProperties: { docuvaultId: 'raw' },
    });
    // Asking again after the end gives the file again.
    expect((await putChunk(session, `bytes */${size}`, new Uint8Array())).status).toBe(200);
  });

  it('media: Range gives 206, a range past the end 416', async () => {
    const session = await startSession(10, 'id');
    const { id } = (await (await putChunk(session, 'bytes 0-9/10', new TextEncoder().encode('0123456789'))).json()) as { id: string };
    const part = await api(`/drive/v3/files/${id}?alt=media`, { headers: { Range: 'bytes=2-4' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(await part.text()).toBe('234');
    const beyond = await api(`/drive/v3/files/${id}?alt=media`, { headers: { Range: 'bytes=10-12' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */10');
  });

  it('refuses a second parent, unknown parents, and queries it does not understand', async () => {
    const folder = async (name: string) =>
      ((await (await api('/drive/v3/files', { method: 'POST', body: JSON.stringify({ name, mimeType: 'application/vnd.google-apps.folder' }) })).json()) as { id: string }).id;
    const a = await folder('A');
    const b = await folder('B');
    const added = await api(`/drive/v3/files/${b}?addParents=${a}`, { method: 'PATCH', body: '{}' });
    expect(added.status).toBe(403);
    expect(JSON.stringify(await added.json())).toContain('cannotAddParent');
    const orphan = await api('/drive/v3/files', { method: 'POST', body: JSON.stringify({ name: 'x', parents: ['1nope00000000000000'] }) });
    expect(orphan.status).toBe(404);
    expect((await api(`/drive/v3/files?q=${encodeURIComponent("name contains 'A'")}`)).status).toBe(400);
    const found = await api(`/drive/v3/files?q=${encodeURIComponent("name = 'A' and 'root' in parents and trashed = false")}&fields=files(id)`);
    expect(await found.json()).toEqual({ files: [{ id: a }] });
  });
});

describe('Google fake: OAuth rules', () => {
  const authorize = (params: Record<string, string>) => fetch(`${fake.url}/o/oauth2/v2/auth?${new URLSearchParams(params)}`, { redirect: 'manual' });
  const pkce = createPkcePair();
  const valid = {
    client_id: FAKE_GOOGLE_CLIENT.clientId,
    redirect_uri: 'http://127.0.0.1:4567/callback',
    response_type: 'code',
    scope: DRIVE_FILE_SCOPE,
    state: 'state-1',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    access_type: 'offline',
    prompt: 'consent',
  };
  const token = (form: Record<string, string>) =>
    fetch(`${fake.url}/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  const codeFrom = (res: Response) => new URL(res.headers.get('location')!).searchParams.get('code')!;

  it('never redirects to a non-loopback URI or for an unknown client', async () => {
    for (const redirect of ['https://evil.example/callback', 'docuvault://oauth', 'http://127.0.0.1/callback']) {
      const res = await authorize({ ...valid, redirect_uri: redirect });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
    expect((await authorize({ ...valid, client_id: 'someone-else' })).status).toBe(401);
  });

  it('sends protocol errors back to the app: no PKCE, no state', async () => {
    const { code_challenge_method: _, ...withoutMethod } = valid;
    const res = await authorize(withoutMethod);
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    const { state: __, ...withoutState } = valid;
    expect(new URL((await authorize(withoutState)).headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('issues a refresh token only for offline access, and again only with prompt=consent', async () => {
    const exchange = async (params: Record<string, string>) =>
      (await (
        await token({
          grant_type: 'authorization_code',
          code: codeFrom(await authorize(params)),
          code_verifier: pkce.verifier,
          redirect_uri: valid.redirect_uri,
          client_id: FAKE_GOOGLE_CLIENT.clientId,
          client_secret: FAKE_GOOGLE_CLIENT.clientSecret,
        })
      ).json()) as { refresh_token?: string; access_token: string };
    expect((await exchange({ ...valid, access_type: 'online' })).refresh_token).toBeUndefined();
    expect((await exchange(valid)).refresh_token).toBeTruthy();
    const { prompt: _, ...withoutPrompt } = valid;
    expect((await exchange(withoutPrompt)).refresh_token).toBeUndefined();
  });

  it('wants the client secret, the matching redirect URI and verifier, once', async () => {
    const form = (code: string) => ({
      grant_type: 'authorization_code',
      code,
      code_verifier: pkce.verifier,
      redirect_uri: valid.redirect_uri,
      client_id: FAKE_GOOGLE_CLIENT.clientId,
      client_secret: FAKE_GOOGLE_CLIENT.clientSecret,
    });
    const { client_secret: _, ...withoutSecret } = form(codeFrom(await authorize(valid)));
    expect(await (await token(withoutSecret)).json()).toMatchObject({ error: 'invalid_request' });
    const other = await token({ ...form(codeFrom(await authorize(valid))), redirect_uri: 'http://127.0.0.1:9999/callback' });
    expect(await other.json()).toMatchObject({ error: 'redirect_uri_mismatch' });
    const code = codeFrom(await authorize(valid));
    expect((await token(form(code))).status).toBe(200);
    expect(await (await token(form(code))).json()).toMatchObject({ error: 'invalid_grant' });
  });
});
