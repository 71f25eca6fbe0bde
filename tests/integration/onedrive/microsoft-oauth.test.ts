import { createHash, createPublicKey, verify, type JsonWebKeyInput } from 'node:crypto';
import { Agent, request } from 'node:https';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicrosoftOAuthClient } from '../../../src-main/core/oauth/microsoft/microsoft-oauth-client';
import { microsoftOAuthConfigFromEnv } from '../../../src-main/core/oauth/microsoft/microsoft-oauth-config';
import { nonceForChallenge } from '../../../src-main/core/oauth/microsoft/sign-in-nonce';
import type { OAuthTokens } from '../../../src-main/core/oauth/oauth-client';
import { createPkcePair, createState } from '../../../src-main/core/oauth/pkce';
import { decodeJwtClaims } from '../../servers/microsoft-fake/id-token';
import { FAKE_MICROSOFT_ACCOUNT, FAKE_MICROSOFT_CLIENT, startMicrosoftFake, type MicrosoftFake } from '../../servers/microsoft-fake/microsoft-fake';
import { visitInBrowser } from '../../servers/microsoft-fake/simulated-browser';
import { clientFor, connect, DEEP_LINK, signInWithDeepLink, signInWithLoopback } from './microsoft-oauth-fixture';

let fake: MicrosoftFake;
let client: MicrosoftOAuthClient;

beforeAll(async () => {
  fake = await startMicrosoftFake();
  client = clientFor(fake);
});
afterAll(async () => {
  await fake.close();
});

/** Every rendering a log line or a crash report could use. */
const renderings = (error: unknown) => [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];

/** Tokens as the connections service stores them: sealed as JSON and read back. */
const storedAndReadBack = (tokens: OAuthTokens): OAuthTokens => JSON.parse(JSON.stringify(tokens)) as OAuthTokens;

/** Whether Graph accepts a bearer token (GET /me/drive on the fake, over TLS). */
function graphAccepts(accessToken: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${fake.graphBaseUrl()}/me/drive`, { headers: { Authorization: `Bearer ${accessToken}` }, ca: fake.caPem }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Microsoft OAuth client: configuration', () => {
  it('says how to configure it when the client id is missing, and refuses to start a sign-in', async () => {
    const unconfigured = new MicrosoftOAuthClient(microsoftOAuthConfigFromEnv({ DOCUVAULT_MICROSOFT_CLIENT_ID: '  ' }));
    expect(unconfigured.configurationProblem()).toBe('OneDrive is not configured in this build: set DOCUVAULT_MICROSOFT_CLIENT_ID (see README).');
    await expect(
      unconfigured.authorizationUrl({ state: createState(), codeChallenge: createPkcePair().challenge, redirectUri: DEEP_LINK }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    const configured = new MicrosoftOAuthClient(microsoftOAuthConfigFromEnv({ DOCUVAULT_MICROSOFT_CLIENT_ID: FAKE_MICROSOFT_CLIENT.clientId }));
    expect(configured.configurationProblem()).toBeNull();
    expect(configured.provider).toBe('onedrive');
    expect(configured.redirectKind).toBe('deep-link');
    expect(configured.endpoints).toMatchObject({ authority: 'https://login.microsoftonline.com/common', graphBaseUrl: 'https://graph.microsoft.com/v1.0' });
  });

  it('takes the tenant from DOCUVAULT_MICROSOFT_TENANT and refuses one that is not a tenant name', async () => {
    const env = { DOCUVAULT_MICROSOFT_CLIENT_ID: FAKE_MICROSOFT_CLIENT.clientId, DOCUVAULT_MICROSOFT_TENANT: 'consumers' };
    const consumers = clientFor(fake, microsoftOAuthConfigFromEnv(env));
    const url = new URL(await consumers.authorizationUrl({ state: createState(), codeChallenge: createPkcePair().challenge, redirectUri: DEEP_LINK }));
    expect(url.pathname).toBe('/consumers/oauth2/v2.0/authorize');
    const bad = new MicrosoftOAuthClient(microsoftOAuthConfigFromEnv({ ...env, DOCUVAULT_MICROSOFT_TENANT: 'common/../evil' }));
    expect(bad.configurationProblem()).toMatch(/DOCUVAULT_MICROSOFT_TENANT/);
  });
});

describe('Microsoft OAuth client: authorization URL', () => {
  it('asks for Files.ReadWrite and offline_access with PKCE S256, the state and a nonce, at the https authority', async () => {
    const pkce = createPkcePair();
    const state = createState();
    const mark = fake.log.mark();
    const url = new URL(await client.authorizationUrl({ state, codeChallenge: pkce.challenge, redirectUri: DEEP_LINK }));
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.authority()}/oauth2/v2.0/authorize`);
    const params = url.searchParams;
    expect(params.get('client_id')).toBe(FAKE_MICROSOFT_CLIENT.clientId);
    expect(params.get('redirect_uri')).toBe(DEEP_LINK);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('response_mode')).toBe('query');
    expect(params.get('scope')!.split(' ').sort()).toEqual(['Files.ReadWrite', 'offline_access', 'openid', 'profile']);
    expect(params.get('state')).toBe(state);
    expect(params.get('code_challenge')).toBe(createHash('sha256').update(pkce.verifier).digest('base64url'));
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('nonce')).toBe(nonceForChallenge(pkce.challenge));
    expect(params.get('prompt')).toBe('select_account');
    expect(url.toString()).not.toContain(pkce.verifier);
    // MSAL read the authority's OpenID metadata from the fake, over TLS, instead of asking Microsoft's instance discovery.
    expect(fake.log.since(mark, 'openid-configuration')).toHaveLength(1);
  });

  it('trusts only the CA it is given: without the test CA the authority is unreachable, not "insecurely reached"', async () => {
    const untrusting = clientFor(fake, { httpsAgent: new Agent() });
    const failure = await untrusting
      .authorizationUrl({ state: createState(), codeChallenge: createPkcePair().challenge, redirectUri: DEEP_LINK })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
  });
});

describe('Microsoft OAuth client: sign-in through the browser', () => {
  it('deep link: the browser is sent to docuvault://oauth/microsoft with code and state; the code becomes tokens and the account', async () => {
    const flow = await connect(fake, client);
    expect(flow.visit.urls).toHaveLength(1);
    expect(flow.visit.appLink!.startsWith(`${DEEP_LINK}?`)).toBe(true);
    expect(flow.params.get('state')).toBe(flow.state);
    expect(flow.account).toEqual({
      id: `${FAKE_MICROSOFT_ACCOUNT.oid}.${FAKE_MICROSOFT_ACCOUNT.tid}`,
      email: FAKE_MICROSOFT_ACCOUNT.username,
      name: FAKE_MICROSOFT_ACCOUNT.name,
    });
    expect(flow.tokens.scope?.split(' ')).toContain('Files.ReadWrite');
    expect(flow.tokens.expiresAt).toBeGreaterThan(Date.now() + 3000 * 1000);
    // MSAL keeps the refresh token in its cache; the cache rides in `extra`, sealed with the tokens.
    expect(flow.tokens.refreshToken).toBeNull();
    expect(flow.tokens.extra?.homeAccountId).toBe(flow.account.id);
    const cache = JSON.parse(flow.tokens.extra!.msalCache!) as { RefreshToken: Record<string, { secret: string }> };
    expect(Object.values(cache.RefreshToken).map((entry) => entry.secret)).toEqual([expect.stringMatching(/^M\.C5fake_rt_/)]);
    expect(await graphAccepts(flow.tokens.accessToken)).toBe(200);
  });

  it('loopback: when the deep link is unavailable, http://127.0.0.1:<any port>/callback works the same way', async () => {
    const flow = await signInWithLoopback(fake, client);
    expect(flow.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(flow.visit.urls[1]!.startsWith(flow.redirectUri)).toBe(true);
    expect(flow.visit.finalBody).toContain('Sign-in received');
    expect(flow.params.get('state')).toBe(flow.state);
    const { tokens } = await client.exchangeCode({ code: flow.params.get('code')!, codeVerifier: flow.pkce.verifier, redirectUri: flow.redirectUri });
    expect(await graphAccepts(tokens.accessToken)).toBe(200);
  });

  it('binds the ID token to the sign-in: its nonce is derived from the PKCE challenge (and it is signed by the JWKS key)', async () => {
    const flow = await connect(fake, client);
    const cache = JSON.parse(flow.tokens.extra!.msalCache!) as { IdToken: Record<string, { secret: string }> };
    const idToken = Object.values(cache.IdToken)[0]!.secret;
    expect(decodeJwtClaims(idToken)).toMatchObject({
      aud: FAKE_MICROSOFT_CLIENT.clientId,
      iss: `${fake.httpsUrl}/${FAKE_MICROSOFT_ACCOUNT.tid}/v2.0`,
      tid: FAKE_MICROSOFT_ACCOUNT.tid,
      oid: FAKE_MICROSOFT_ACCOUNT.oid,
      preferred_username: FAKE_MICROSOFT_ACCOUNT.username,
      nonce: nonceForChallenge(flow.pkce.challenge),
    });
    const [header, payload, signature] = idToken.split('.');
    const key = createPublicKey({ key: fake.identity.signingKeys().keys[0] as JsonWebKeyInput['key'], format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature!, 'base64url'))).toBe(true);
  });

  it('refuses a code minted for another nonce (a code injected from a different sign-in), as VALIDATION', async () => {
    const pkce = createPkcePair();
    const url = new URL(await client.authorizationUrl({ state: createState(), codeChallenge: pkce.challenge, redirectUri: DEEP_LINK }));
    url.searchParams.set('nonce', 'someone-elses-nonce');
    const visit = await visitInBrowser(url.toString(), { ca: fake.caPem });
    const code = new URL(visit.appLink!).searchParams.get('code')!;
    await expect(client.exchangeCode({ code, codeVerifier: pkce.verifier, redirectUri: DEEP_LINK })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('sends the code verifier: another verifier is refused as VALIDATION', async () => {
    const flow = await signInWithDeepLink(fake, client);
    await expect(
      client.exchangeCode({ code: flow.params.get('code')!, codeVerifier: createPkcePair().verifier, redirectUri: DEEP_LINK }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('codes are single-use', async () => {
    const flow = await connect(fake, client);
    await expect(client.exchangeCode({ code: flow.code, codeVerifier: flow.pkce.verifier, redirectUri: DEEP_LINK })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('the redirect URI must be the one the code was issued for', async () => {
    const flow = await signInWithDeepLink(fake, client);
    await expect(
      client.exchangeCode({ code: flow.params.get('code')!, codeVerifier: flow.pkce.verifier, redirectUri: 'http://127.0.0.1:5555/callback' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('a person who clicks "Cancel" is sent back with error=access_denied and the state, and no code', async () => {
    fake.nextConsent('deny');
    const flow = await signInWithDeepLink(fake, client);
    expect(flow.params.get('error')).toBe('access_denied');
    expect(flow.params.get('state')).toBe(flow.state);
    expect(flow.params.has('code')).toBe(false);
  });

  it('refuses a sign-in that was not granted the files permission', async () => {
    fake.nextConsent('allow-without-files');
    const flow = await signInWithDeepLink(fake, client);
    await expect(
      client.exchangeCode({ code: flow.params.get('code')!, codeVerifier: flow.pkce.verifier, redirectUri: DEEP_LINK }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('OneDrive files') });
  });

  it('the identity platform sends an unregistered redirect URI nowhere', async () => {
    const url = new URL(await client.authorizationUrl({ state: createState(), codeChallenge: createPkcePair().challenge, redirectUri: 'https://attacker.example/cb' }));
    const visit = await visitInBrowser(url.toString(), { ca: fake.caPem });
    expect(visit.appLink).toBeNull();
    expect(visit.urls).toHaveLength(1);
    expect(visit.finalStatus).toBe(400);
    expect(visit.finalBody).toContain('AADSTS50011');
  });
});

describe('Microsoft OAuth client: refresh', () => {
  it('refreshes with the persisted MSAL cache, also from a new client after a restart', async () => {
    const { tokens } = await connect(fake, client);
    fake.expireAllAccessTokens();
    expect(await graphAccepts(tokens.accessToken)).toBe(401);
    const restarted = clientFor(fake);
    const renewed = await restarted.refresh(storedAndReadBack(tokens));
    expect(renewed.accessToken).not.toBe(tokens.accessToken);
    expect(await graphAccepts(renewed.accessToken)).toBe(200);
    expect(renewed.extra?.homeAccountId).toBe(tokens.extra?.homeAccountId);
    // The refresh token rotated; the next refresh works from what this one returned.
    const secrets = (t: OAuthTokens) => Object.values((JSON.parse(t.extra!.msalCache!) as { RefreshToken: Record<string, { secret: string }> }).RefreshToken).map((e) => e.secret);
    expect(secrets(renewed)).not.toEqual(secrets(tokens));
    const again = await clientFor(fake).refresh(storedAndReadBack(renewed));
    expect(await graphAccepts(again.accessToken)).toBe(200);
  });

  it('a revoked grant (invalid_grant with suberror bad_token: InteractionRequiredAuthError) is invalid_grant', async () => {
    const { tokens } = await connect(fake, client);
    fake.revokeRefreshTokens();
    const failure = await client.refresh(tokens).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'invalid_grant' });
    expect((failure as Error).cause).toMatchObject({ kind: 'interaction_required', errorCode: 'invalid_grant', subError: 'bad_token' });
  });

  it('an expired grant (plain invalid_grant, AADSTS700082: a ServerError) is invalid_grant too', async () => {
    const { tokens } = await connect(fake, client);
    fake.expireRefreshTokens();
    const failure = await client.refresh(tokens).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'invalid_grant' });
    expect((failure as Error).cause).toMatchObject({ kind: 'server', errorCode: 'invalid_grant' });
  });

  it('tokens without a usable cache need a new sign-in', async () => {
    const base: OAuthTokens = { accessToken: 'x', refreshToken: null, expiresAt: 0, scope: null };
    await expect(client.refresh(base)).rejects.toMatchObject({ reason: 'invalid_grant' });
    await expect(client.refresh({ ...base, extra: { msalCache: '{not json', homeAccountId: 'a.b' } })).rejects.toMatchObject({ reason: 'invalid_grant' });
    await expect(client.refresh({ ...base, extra: { msalCache: '{}', homeAccountId: 'a.b' } })).rejects.toMatchObject({ reason: 'invalid_grant' });
  });

  it('an unreachable identity platform is BACKEND_UNAVAILABLE, not a lost grant', async () => {
    const { tokens } = await connect(fake, client);
    // Nothing listens there.
    const down = clientFor(fake, { authorityHost: 'https://127.0.0.1:9', timeoutMs: 2000 });
    await expect(down.refresh(tokens)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    // A TLS failure (a certificate nobody vouches for) is not the person's grant either.
    const untrusting = clientFor(fake, { httpsAgent: new Agent() });
    await expect(untrusting.refresh(tokens)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    // The grant itself was never touched: the real host still refreshes it.
    expect(await graphAccepts((await client.refresh(tokens)).accessToken)).toBe(200);
  });
});

describe('Microsoft OAuth client: secrets stay out of errors', () => {
  it('no code, verifier, access or refresh token appears in any error it raises', async () => {
    const flow = await connect(fake, client);
    const failures: unknown[] = [];
    failures.push(await client.exchangeCode({ code: flow.code, codeVerifier: flow.pkce.verifier, redirectUri: DEEP_LINK }).catch((e: unknown) => e));
    const second = await signInWithDeepLink(fake, client);
    failures.push(
      await client.exchangeCode({ code: second.params.get('code')!, codeVerifier: `${second.pkce.verifier}x`, redirectUri: DEEP_LINK }).catch((e: unknown) => e),
    );
    fake.revokeRefreshTokens();
    failures.push(await client.refresh(flow.tokens).catch((e: unknown) => e));
    const secrets = [flow.code, flow.pkce.verifier, second.pkce.verifier, second.params.get('code')!, flow.tokens.accessToken, ...fake.identity.issuedRefreshTokens()];
    expect(failures).toHaveLength(3);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(Error);
      for (const text of renderings(failure)) for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});
