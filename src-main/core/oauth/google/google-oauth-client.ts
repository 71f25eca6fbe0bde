import type { Credentials } from 'google-auth-library';
import { AppError } from '../../errors';
import { CloudConnectionError } from '../../storage/backend-errors';
import type { OAuthAccount, OAuthClient, OAuthTokens } from '../oauth-client';
import { fetchGoogleAccount } from './google-account';
import { GoogleAuthClient } from './google-auth-client';
import {
  GOOGLE_NOT_CONFIGURED,
  googleOAuthConfigFromEnv,
  resolveGoogleEndpoints,
  type GoogleEndpoints,
  type GoogleOAuthConfig,
} from './google-oauth-config';
import { accountLookupFailure, exchangeFailure, refreshFailure } from './google-oauth-errors';
import { DRIVE_FILE_SCOPE, grantsDriveFiles } from './google-scopes';

const DEFAULT_TIMEOUT_MS = 30_000;
/** Google's access tokens last an hour; used only if a response forgets `expires_in`. */
const FALLBACK_LIFETIME_MS = 3600 * 1000;

/**
 * Google Drive sign-in for a desktop app (RFC 8252): the system browser,
 * a loopback redirect (Google's desktop clients allow nothing else), PKCE S256,
 * `drive.file` only, and offline access with forced consent so every sign-in
 * yields a refresh token. The client secret is sent, as Google requires for
 * desktop clients, though it is not a secret in an installed app.
 */
export class GoogleOAuthClient implements OAuthClient {
  readonly provider = 'google_drive' as const;
  readonly redirectKind = 'loopback' as const;
  readonly #endpoints: GoogleEndpoints;
  readonly #client: GoogleAuthClient | null;

  constructor(config: GoogleOAuthConfig = googleOAuthConfigFromEnv()) {
    this.#endpoints = resolveGoogleEndpoints(config);
    this.#client =
      config.clientId && config.clientSecret
        ? new GoogleAuthClient({
            clientId: config.clientId,
            clientSecret: config.clientSecret,
            endpoints: this.#endpoints,
            timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          })
        : null;
  }

  configurationProblem(): string | null {
    return this.#client ? null : GOOGLE_NOT_CONFIGURED;
  }

  async authorizationUrl(params: { state: string; codeChallenge: string; redirectUri: string }): Promise<string> {
    return this.client().consentUrl({ ...params, scope: DRIVE_FILE_SCOPE });
  }

  async exchangeCode(params: { code: string; codeVerifier: string; redirectUri: string }): Promise<{ tokens: OAuthTokens; account: OAuthAccount }> {
    const client = this.client();
    let granted: Credentials;
    try {
      granted = await client.redeemCode(params);
    } catch (error) {
      throw exchangeFailure(error);
    }
    if (!granted.access_token) throw new AppError('BACKEND_UNAVAILABLE', 'Google answered the sign-in without an access token. Try again.');
    // Google's consent screen lets people untick the Drive permission; the sign-in then "works" but nothing else would.
    if (!grantsDriveFiles(granted.scope)) {
      throw new AppError(
        'VALIDATION',
        'DocuVault was not given access to its files in Google Drive. Connect again and allow DocuVault to see and manage the files it creates.',
      );
    }
    if (!granted.refresh_token) {
      throw new AppError('VALIDATION', 'Google did not grant DocuVault lasting access. Connect again and approve every step of the consent screen.');
    }
    let account: OAuthAccount;
    try {
      account = await fetchGoogleAccount(client, this.#endpoints.driveApiBaseUrl, granted.access_token);
    } catch (error) {
      throw accountLookupFailure(error);
    }
    return { tokens: toTokens(granted, null), account };
  }

  async refresh(tokens: OAuthTokens): Promise<OAuthTokens> {
    if (!tokens.refreshToken) throw new CloudConnectionError('invalid_grant');
    let renewed: Credentials;
    try {
      renewed = await this.client().refreshWith(tokens.refreshToken);
    } catch (error) {
      throw refreshFailure(error);
    }
    if (!renewed.access_token) throw new AppError('BACKEND_UNAVAILABLE', 'Google answered without a new access token. Try again.');
    return toTokens(renewed, tokens);
  }

  private client(): GoogleAuthClient {
    if (!this.#client) throw new AppError('UNSUPPORTED', GOOGLE_NOT_CONFIGURED);
    return this.#client;
  }
}

/** Library credentials → stored tokens; a refresh keeps the refresh token and scope it does not replace. */
function toTokens(credentials: Credentials, previous: OAuthTokens | null): OAuthTokens {
  return {
    accessToken: credentials.access_token!,
    refreshToken: credentials.refresh_token ?? previous?.refreshToken ?? null,
    expiresAt: credentials.expiry_date ?? Date.now() + FALLBACK_LIFETIME_MS,
    scope: credentials.scope ?? previous?.scope ?? null,
  };
}
