import type { AuthenticationResult, PublicClientApplication } from '@azure/msal-node';
import { AppError } from '../../errors';
import { CloudConnectionError } from '../../storage/backend-errors';
import type { OAuthAccount, OAuthClient, OAuthTokens } from '../oauth-client';
import { accountFromMsal } from './microsoft-account';
import {
  microsoftConfigProblem,
  microsoftOAuthConfigFromEnv,
  resolveMicrosoftEndpoints,
  type MicrosoftOAuthConfig,
  type ResolvedMicrosoftEndpoints,
} from './microsoft-oauth-config';
import { exchangeFailure, refreshFailure } from './microsoft-oauth-errors';
import { grantsFiles, REQUESTED_SCOPES } from './microsoft-scopes';
import { createMsalApplication, type MsalSettings } from './msal-application';
import { NodeHttpsNetworkModule } from './msal-network-module';
import { challengeForVerifier, nonceForChallenge } from './sign-in-nonce';
import { cacheCarriedBy, cacheHoldsRefreshToken, extraCarrying } from './token-cache-envelope';

const DEFAULT_TIMEOUT_MS = 30_000;
/** Microsoft's access tokens last about an hour; used only if MSAL reports no expiry. */
const FALLBACK_LIFETIME_MS = 3600 * 1000;

/**
 * OneDrive sign-in for a desktop app on `@azure/msal-node`'s
 * PublicClientApplication: the system browser, the app's deep link
 * (`docuvault://oauth/microsoft`) or a loopback redirect when the scheme is
 * not registered, PKCE S256 with the service's own challenge and state, a
 * nonce bound to the challenge, and `Files.ReadWrite offline_access`.
 *
 * MSAL keeps the refresh token inside its token cache and never hands it out,
 * so the serialized cache travels in `OAuthTokens.extra` (sealed by the
 * connections service with the tokens) and `refreshToken` stays null. A
 * refresh restores that cache into a fresh application and asks MSAL for a
 * forced silent refresh with the cached account.
 */
export class MicrosoftOAuthClient implements OAuthClient {
  readonly provider = 'onedrive' as const;
  readonly redirectKind = 'deep-link' as const;
  readonly #problem: string | null;
  readonly #settings: MsalSettings | null;

  constructor(config: MicrosoftOAuthConfig = microsoftOAuthConfigFromEnv()) {
    this.#problem = microsoftConfigProblem(config);
    this.#settings = this.#problem
      ? null
      : {
          clientId: config.clientId!,
          endpoints: resolveMicrosoftEndpoints(config),
          network: new NodeHttpsNetworkModule(config.httpsAgent, config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        };
  }

  configurationProblem(): string | null {
    return this.#problem;
  }

  /** The authority and Graph root this client was configured with (for building the backend). */
  get endpoints(): ResolvedMicrosoftEndpoints {
    return this.settings().endpoints;
  }

  async authorizationUrl(params: { state: string; codeChallenge: string; redirectUri: string }): Promise<string> {
    const app = this.application();
    try {
      return await app.getAuthCodeUrl({
        scopes: [...REQUESTED_SCOPES],
        redirectUri: params.redirectUri,
        state: params.state,
        codeChallenge: params.codeChallenge,
        codeChallengeMethod: 'S256',
        nonce: nonceForChallenge(params.codeChallenge),
        responseMode: 'query',
        // Lets a person with several Microsoft accounts pick the one whose OneDrive to connect.
        prompt: 'select_account',
      });
    } catch (error) {
      throw exchangeFailure(error);
    }
  }

  async exchangeCode(params: { code: string; codeVerifier: string; redirectUri: string }): Promise<{ tokens: OAuthTokens; account: OAuthAccount }> {
    const app = this.application();
    let result: AuthenticationResult;
    try {
      result = await app.acquireTokenByCode({
        code: params.code,
        codeVerifier: params.codeVerifier,
        redirectUri: params.redirectUri,
        scopes: [...REQUESTED_SCOPES],
        nonce: nonceForChallenge(challengeForVerifier(params.codeVerifier)),
      });
    } catch (error) {
      throw exchangeFailure(error);
    }
    if (!result.accessToken || !result.account) {
      throw new AppError('BACKEND_UNAVAILABLE', 'Microsoft answered the sign-in without an access token. Try again.');
    }
    // A work account's admin can allow sign-in but not file access: the sign-in "works" but nothing else would.
    if (!grantsFiles(result.scopes)) {
      throw new AppError(
        'VALIDATION',
        'DocuVault was not given access to your OneDrive files. Connect again and allow DocuVault to read and write your files.',
      );
    }
    const serializedCache = app.getTokenCache().serialize();
    if (!cacheHoldsRefreshToken(serializedCache)) {
      throw new AppError('VALIDATION', 'Microsoft did not grant DocuVault lasting access. Connect again and approve every step.');
    }
    const account = accountFromMsal(result.account);
    return { tokens: toTokens(result, { serializedCache, homeAccountId: result.account.homeAccountId }), account };
  }

  async refresh(tokens: OAuthTokens): Promise<OAuthTokens> {
    const carried = cacheCarriedBy(tokens);
    if (!carried) throw new CloudConnectionError('invalid_grant');
    let app: PublicClientApplication;
    try {
      app = this.application(carried.serializedCache);
    } catch (error) {
      // A cache that no longer reads (tampered, or from an incompatible MSAL) cannot refresh anything.
      if (error instanceof AppError) throw error;
      throw new CloudConnectionError('invalid_grant');
    }
    let result: AuthenticationResult;
    try {
      const account = await app.getTokenCache().getAccountByHomeId(carried.homeAccountId);
      if (!account) throw new CloudConnectionError('invalid_grant');
      // forceRefresh: the service asks only when Graph refused the token or it is about to expire, so the cached one will not do.
      result = await app.acquireTokenSilent({ account, scopes: [...REQUESTED_SCOPES], forceRefresh: true });
    } catch (error) {
      if (error instanceof CloudConnectionError) throw error;
      throw refreshFailure(error);
    }
    if (!result.accessToken) throw new AppError('BACKEND_UNAVAILABLE', 'Microsoft answered without a new access token. Try again.');
    return toTokens(result, { serializedCache: app.getTokenCache().serialize(), homeAccountId: carried.homeAccountId });
  }

  private settings(): MsalSettings {
    if (!this.#settings) throw new AppError('UNSUPPORTED', this.#problem ?? 'OneDrive is not configured in this build.');
    return this.#settings;
  }

  private application(serializedCache?: string): PublicClientApplication {
    return createMsalApplication(this.settings(), serializedCache);
  }
}

function toTokens(result: AuthenticationResult, cache: { serializedCache: string; homeAccountId: string }): OAuthTokens {
  return {
    accessToken: result.accessToken,
    // Kept only inside the sealed MSAL cache (extra): MSAL does not expose it, and one copy of a secret is enough.
    refreshToken: null,
    expiresAt: result.expiresOn?.getTime() ?? Date.now() + FALLBACK_LIFETIME_MS,
    scope: result.scopes.join(' ') || null,
    extra: extraCarrying(cache),
  };
}
