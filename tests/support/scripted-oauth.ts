import { mkdirSync } from 'node:fs';
import type { ProviderAdapter } from '../../src-main/core/connections/provider-adapter';
import { AppError } from '../../src-main/core/errors';
import type { OAuthClient, OAuthTokens } from '../../src-main/core/oauth/oauth-client';
import { CloudConnectionError } from '../../src-main/core/storage/backend-errors';
import { guardedLocalBackend } from './guarded-local-backend';
import type { StorageBackend } from '../../src-main/core/storage/storage-backend';

/**
 * A stand-in OAuth provider for the sign-in state machine: it issues codes and
 * tokens, can expire or revoke them, and counts refreshes. Protocol-level tests
 * run against the Google and Microsoft fakes in tests/servers.
 */
export class ScriptedIdentityProvider {
  configured = true;
  accountId = 'acct-1';
  email = 'alice@example.com';
  validAccessToken = 'at-1';
  refreshToken = 'rt-1';
  revoked = false;
  refreshCalls = 0;
  requests = 0;
  private issued = 1;
  readonly codes = new Map<string, string>();
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }
  expireAccessToken(): void {
    this.validAccessToken = `expired-${Math.random()}`;
  }
  mint(): OAuthTokens {
    this.issued++;
    this.validAccessToken = `at-${this.issued}`;
    return { accessToken: this.validAccessToken, refreshToken: this.refreshToken, expiresAt: Date.now() + 3600_000, scope: 'drive.file' };
  }
}

export function scriptedOAuthAdapter(idp: ScriptedIdentityProvider): ProviderAdapter<{ accountId: string }, OAuthTokens> {
  const client: OAuthClient = {
    provider: 'google_drive',
    redirectKind: 'loopback',
    configurationProblem: () => (idp.configured ? null : 'Google Drive is not configured in this build: set DOCUVAULT_GOOGLE_CLIENT_ID.'),
    async authorizationUrl({ state, codeChallenge, redirectUri }) {
      const code = `code-${Math.random()}`;
      idp.codes.set(code, codeChallenge);
      const url = new URL('https://accounts.example/auth');
      url.search = new URLSearchParams({ state, code_challenge: codeChallenge, code_challenge_method: 'S256', redirect_uri: redirectUri, test_code: code }).toString();
      return url.toString();
    },
    async exchangeCode({ code, codeVerifier }) {
      const challenge = idp.codes.get(code);
      idp.codes.delete(code);
      const { createHash } = await import('node:crypto');
      if (!challenge || createHash('sha256').update(codeVerifier).digest('base64url') !== challenge) {
        throw new AppError('VALIDATION', 'The sign-in code was refused.');
      }
      idp.revoked = false;
      return { tokens: idp.mint(), account: { id: idp.accountId, email: idp.email, name: 'Alice' } };
    },
    async refresh(tokens) {
      idp.refreshCalls++;
      await new Promise((r) => setTimeout(r, 20));
      if (idp.revoked || tokens.refreshToken !== idp.refreshToken) throw new CloudConnectionError('invalid_grant');
      return idp.mint();
    },
  };
  return {
    provider: 'google_drive',
    backendKind: 'google_drive',
    async prepare() {
      throw new AppError('VALIDATION', 'Sign in through the browser.');
    },
    reconnect: () => {
      throw new AppError('VALIDATION', 'Sign in through the browser.');
    },
    createBackend(_settings, _secret, _net, auth): StorageBackend {
      return guardedLocalBackend('google_drive', idp.root, async () => {
        idp.requests++;
        await new Promise((r) => setTimeout(r, 5));
        if (auth?.accessToken() !== idp.validAccessToken) throw new CloudConnectionError('token_expired');
      });
    },
    oauth: {
      client,
      fromSignIn: (tokens, account) => ({ settings: { accountId: account.id }, secret: tokens, account: account.email ?? account.id, defaultLabel: 'Google Drive' }),
      accountId: (settings) => settings.accountId,
    },
    publicSettings: () => ({}),
  };
}

/** Plays the person in the browser: follows the authorization URL back to the app's redirect. */
export async function approveInBrowser(authorizationUrl: string, override: Record<string, string | null> = {}): Promise<Response> {
  const url = new URL(authorizationUrl);
  const redirect = new URL(url.searchParams.get('redirect_uri')!);
  const params: Record<string, string | null> = { code: url.searchParams.get('test_code'), state: url.searchParams.get('state'), ...override };
  for (const [key, value] of Object.entries(params)) if (value !== null) redirect.searchParams.set(key, value);
  return fetch(redirect);
}
