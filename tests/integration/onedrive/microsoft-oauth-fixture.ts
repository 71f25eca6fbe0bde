import { Agent } from 'node:https';
import { startLoopbackReceiver } from '../../../src-main/core/oauth/loopback-receiver';
import { MicrosoftOAuthClient } from '../../../src-main/core/oauth/microsoft/microsoft-oauth-client';
import type { MicrosoftOAuthConfig } from '../../../src-main/core/oauth/microsoft/microsoft-oauth-config';
import { createPkcePair, createState } from '../../../src-main/core/oauth/pkce';
import { FAKE_MICROSOFT_CLIENT, type MicrosoftFake } from '../../servers/microsoft-fake/microsoft-fake';
import { visitInBrowser } from '../../servers/microsoft-fake/simulated-browser';

export const DEEP_LINK = 'docuvault://oauth/microsoft';

/** The OAuth client pointed at the fake: its authority over TLS, trusting only the fake's test CA. */
export function clientFor(fake: MicrosoftFake, overrides: Partial<MicrosoftOAuthConfig> = {}): MicrosoftOAuthClient {
  return new MicrosoftOAuthClient({
    clientId: FAKE_MICROSOFT_CLIENT.clientId,
    authorityHost: fake.httpsUrl,
    graphBaseUrl: fake.graphBaseUrl(),
    httpsAgent: new Agent({ ca: fake.caPem }),
    ...overrides,
  });
}

/**
 * The browser leg with the deep link: the authorization URL is loaded, the
 * fake's consent answers 302 to `docuvault://oauth/microsoft?…`, which the
 * browser cannot load — the OS hands that link to the app. Returns the link.
 */
export async function signInWithDeepLink(fake: MicrosoftFake, client: MicrosoftOAuthClient) {
  const pkce = createPkcePair();
  const state = createState();
  const url = await client.authorizationUrl({ state, codeChallenge: pkce.challenge, redirectUri: DEEP_LINK });
  const visit = await visitInBrowser(url, { ca: fake.caPem });
  if (!visit.appLink) throw new Error(`no deep link: ${visit.finalStatus} ${visit.finalBody}`);
  const params = new URL(visit.appLink).searchParams;
  return { pkce, state, url, visit, params, redirectUri: DEEP_LINK };
}

/** The browser leg with the loopback receiver (when the deep link cannot be registered). */
export async function signInWithLoopback(fake: MicrosoftFake, client: MicrosoftOAuthClient) {
  const receiver = await startLoopbackReceiver({ timeoutMs: 10_000 });
  try {
    const pkce = createPkcePair();
    const state = createState();
    const url = await client.authorizationUrl({ state, codeChallenge: pkce.challenge, redirectUri: receiver.redirectUri });
    const visit = await visitInBrowser(url, { ca: fake.caPem });
    const params = await receiver.callback;
    return { pkce, state, url, visit, params, redirectUri: receiver.redirectUri };
  } finally {
    await receiver.close();
  }
}

/** Deep-link sign-in and code exchange. */
export async function connect(fake: MicrosoftFake, client: MicrosoftOAuthClient) {
  const flow = await signInWithDeepLink(fake, client);
  const code = flow.params.get('code');
  if (!code) throw new Error(`no code: ${flow.params.toString()}`);
  const result = await client.exchangeCode({ code, codeVerifier: flow.pkce.verifier, redirectUri: flow.redirectUri });
  return { ...flow, code, ...result };
}
