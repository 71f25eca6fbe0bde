import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackReceiver } from '../../../src-main/core/oauth/loopback-receiver';
import { GoogleOAuthClient } from '../../../src-main/core/oauth/google/google-oauth-client';
import { googleEndpointsAt, googleOAuthConfigFromEnv } from '../../../src-main/core/oauth/google/google-oauth-config';
import { DRIVE_FILE_SCOPE } from '../../../src-main/core/oauth/google/google-scopes';
import type { OAuthTokens } from '../../../src-main/core/oauth/oauth-client';
import { createPkcePair, createState } from '../../../src-main/core/oauth/pkce';
import { FAKE_GOOGLE_ACCOUNT, FAKE_GOOGLE_CLIENT, startGoogleFake, type GoogleFake } from '../../servers/google-fake/google-fake';
import { visitInBrowser } from '../../servers/google-fake/simulated-browser';

let fake: GoogleFake;
let client: GoogleOAuthClient;

const clientFor = (overrides: { clientSecret?: string } = {}) =>
  new GoogleOAuthClient({
    clientId: FAKE_GOOGLE_CLIENT.clientId,
    clientSecret: overrides.clientSecret ?? FAKE_GOOGLE_CLIENT.clientSecret,
    endpoints: googleEndpointsAt(fake.url),
  });

/** The whole browser leg: authorization URL → fake consent (302) → the real loopback receiver. */
async function signIn(oauth: GoogleOAuthClient = client) {
  const receiver = await startLoopbackReceiver({ timeoutMs: 10_000 });
  try {
    const pkce = createPkcePair();
    const state = createState();
    const url = await oauth.authorizationUrl({ state, codeChallenge: pkce.challenge, redirectUri: receiver.redirectUri });
    const visit = await visitInBrowser(url);
    const params = await receiver.callback;
    return { pkce, state, url, visit, params, redirectUri: receiver.redirectUri };
  } finally {
    await receiver.close();
  }
}

async function connect(oauth: GoogleOAuthClient = client) {
  const flow = await signIn(oauth);
  const code = flow.params.get('code');
  if (!code) throw new Error(`no code: ${flow.params.toString()}`);
  const result = await oauth.exchangeCode({ code, codeVerifier: flow.pkce.verifier, redirectUri: flow.redirectUri });
  return { ...flow, code, ...result };
}

/** Every rendering a log line or a crash report could use. */
const renderings = (error: unknown) => [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];

beforeAll(async () => {
  fake = await startGoogleFake();
  client = clientFor();
});
afterAll(async () => {
  await fake.close();
});

describe('Google OAuth client: authorization URL', () => {
  it('asks for drive.file only, offline access with forced consent, PKCE S256 and the state, on the loopback redirect', async () => {
    const pkce = createPkcePair();
    const state = createState();
    const url = new URL(await client.authorizationUrl({ state, codeChallenge: pkce.challenge, redirectUri: 'http://127.0.0.1:53682/callback' }));
    expect(`${url.origin}${url.pathname}`).toBe(fake.endpoints().authorizationEndpoint);
    const params = url.searchParams;
    expect(params.get('client_id')).toBe(FAKE_GOOGLE_CLIENT.clientId);
    expect(params.get('redirect_uri')).toBe('http://127.0.0.1:53682/callback');
    expect(params.get('response_type')).toBe('code');
    expect(params.get('scope')).toBe(DRIVE_FILE_SCOPE);
    expect(params.get('state')).toBe(state);
    expect(params.get('code_challenge')).toBe(createHash('sha256').update(pkce.verifier).digest('base64url'));
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('access_type')).toBe('offline');
    expect(params.get('prompt')).toBe('consent');
    // The verifier and the secret never travel in the URL.
    expect(url.toString()).not.toContain(pkce.verifier);
    expect(url.toString()).not.toContain(FAKE_GOOGLE_CLIENT.clientSecret);
  });

  it('says how to configure it when the client id or secret is missing, and refuses to start', async () => {
    const unconfigured = new GoogleOAuthClient(googleOAuthConfigFromEnv({ DOCUVAULT_GOOGLE_CLIENT_ID: '  ' }));
    expect(unconfigured.configurationProblem()).toBe(
      'Google Drive is not configured in this build: set DOCUVAULT_GOOGLE_CLIENT_ID and DOCUVAULT_GOOGLE_CLIENT_SECRET (see README).',
    );
    await expect(
      unconfigured.authorizationUrl({ state: 's', codeChallenge: createPkcePair().challenge, redirectUri: 'http://127.0.0.1:1/callback' }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    const configured = new GoogleOAuthClient(
      googleOAuthConfigFromEnv({ DOCUVAULT_GOOGLE_CLIENT_ID: 'id.apps.googleusercontent.com', DOCUVAULT_GOOGLE_CLIENT_SECRET: 'secret' }),
    );
    expect(configured.configurationProblem()).toBeNull();
    expect(configured.provider).toBe('google_drive');
    expect(configured.redirectKind).toBe('loopback');
  });
});

describe('Google OAuth client: sign-in through the browser and the loopback receiver', () => {
  it('delivers the code and state to the loopback receiver and exchanges it for tokens and the account', async () => {
    const flow = await connect();
    expect(flow.visit.urls).toHaveLength(2);
    expect(flow.visit.urls[1]!.startsWith(flow.redirectUri)).toBe(true);
    expect(flow.visit.finalBody).toContain('Sign-in received');
    expect(flow.params.get('state')).toBe(flow.state);
    expect(flow.tokens.accessToken).toMatch(/^ya29\./);
    expect(flow.tokens.refreshToken).toMatch(/^1\/\//);
    expect(flow.tokens.scope).toContain(DRIVE_FILE_SCOPE);
    expect(flow.tokens.expiresAt).toBeGreaterThan(Date.now() + 3000 * 1000);
    expect(flow.account).toEqual({ id: FAKE_GOOGLE_ACCOUNT.id, email: FAKE_GOOGLE_ACCOUNT.email, name: FAKE_GOOGLE_ACCOUNT.name });
    // The access token works on Drive.
    expect(fake.identity.verifyBearer(`Bearer ${flow.tokens.accessToken}`)).toContain(DRIVE_FILE_SCOPE);
  });

  it('sends the code verifier: an exchange with another verifier is refused as VALIDATION', async () => {
    const flow = await signIn();
    await expect(
      client.exchangeCode({ code: flow.params.get('code')!, codeVerifier: createPkcePair().verifier, redirectUri: flow.redirectUri }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('codes are single-use', async () => {
    const flow = await connect();
    await expect(client.exchangeCode({ code: flow.code, codeVerifier: flow.pkce.verifier, redirectUri: flow.redirectUri })).rejects.toMatchObject(
      { code: 'VALIDATION' },
    );
  });

  it('sends the client secret (Google requires it for desktop clients): a wrong one is a configuration problem', async () => {
    const wrong = clientFor({ clientSecret: 'GOCSPX-not-the-secret' });
    const flow = await signIn(wrong);
    const failure = await wrong
      .exchangeCode({ code: flow.params.get('code')!, codeVerifier: flow.pkce.verifier, redirectUri: flow.redirectUri })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'UNSUPPORTED' });
    for (const text of renderings(failure)) expect(text).not.toContain('GOCSPX-not-the-secret');
  });

  it('a person who clicks "Cancel" sends access_denied to the receiver, and no code', async () => {
    fake.nextConsent('deny');
    const flow = await signIn();
    expect(flow.params.get('error')).toBe('access_denied');
    expect(flow.params.get('state')).toBe(flow.state);
    expect(flow.params.has('code')).toBe(false);
    expect(flow.visit.finalBody).toContain('Sign-in was not completed');
  });

  it('refuses a sign-in where the person unticked the Drive permission', async () => {
    fake.nextConsent('allow-without-drive');
    await expect(connect()).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('not given access') });
  });

  it('takes a short token lifetime from the answer', async () => {
    fake.identity.accessTokenLifetimeSeconds = 5;
    try {
      const { tokens } = await connect();
      expect(tokens.expiresAt).toBeGreaterThan(Date.now());
      expect(tokens.expiresAt).toBeLessThanOrEqual(Date.now() + 5000);
    } finally {
      fake.identity.accessTokenLifetimeSeconds = 3600;
    }
  });
});

describe('Google OAuth client: refresh', () => {
  it('gets a new access token, keeping the refresh token and scope', async () => {
    const { tokens } = await connect();
    fake.expireAllAccessTokens();
    expect(fake.identity.verifyBearer(`Bearer ${tokens.accessToken}`)).toBeNull();
    const renewed = await client.refresh(tokens);
    expect(renewed.accessToken).not.toBe(tokens.accessToken);
    expect(renewed.refreshToken).toBe(tokens.refreshToken);
    expect(renewed.scope).toContain(DRIVE_FILE_SCOPE);
    expect(renewed.expiresAt).toBeGreaterThan(Date.now());
    expect(fake.identity.verifyBearer(`Bearer ${renewed.accessToken}`)).not.toBeNull();
  });

  it('a revoked grant raises CloudConnectionError(invalid_grant), with no token in any rendering of the error', async () => {
    const { tokens } = await connect();
    fake.revokeRefreshTokens();
    const failure = await client.refresh(tokens).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'invalid_grant' });
    for (const text of renderings(failure)) {
      expect(text).not.toContain(tokens.refreshToken!);
      expect(text).not.toContain(tokens.accessToken);
      expect(text).not.toContain(FAKE_GOOGLE_CLIENT.clientSecret);
    }
  });

  it('an unknown refresh token is invalid_grant too, and no refresh token at all needs no request', async () => {
    const stale: OAuthTokens = { accessToken: 'ya29.old', refreshToken: '1//unknown', expiresAt: 0, scope: DRIVE_FILE_SCOPE };
    await expect(client.refresh(stale)).rejects.toMatchObject({ reason: 'invalid_grant' });
    const before = fake.log.mark();
    await expect(client.refresh({ ...stale, refreshToken: null })).rejects.toMatchObject({ reason: 'invalid_grant' });
    expect(fake.log.since(before)).toHaveLength(0);
  });

  it('a refused code never shows the code or the verifier', async () => {
    const flow = await signIn();
    const code = flow.params.get('code')!;
    const verifier = createPkcePair().verifier;
    const failure = await client.exchangeCode({ code, codeVerifier: verifier, redirectUri: flow.redirectUri }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'VALIDATION' });
    for (const text of renderings(failure)) {
      expect(text).not.toContain(code);
      expect(text).not.toContain(verifier);
      expect(text).not.toContain(FAKE_GOOGLE_CLIENT.clientSecret);
    }
  });
});
