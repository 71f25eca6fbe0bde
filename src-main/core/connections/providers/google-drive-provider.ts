import type { OAuthTokens } from '../../oauth/oauth-client';
import { GoogleOAuthClient } from '../../oauth/google/google-oauth-client';
import { googleEndpointsAt, googleOAuthConfigFromEnv, type GoogleOAuthConfig } from '../../oauth/google/google-oauth-config';
import { GoogleDriveBackend } from '../../storage/google-drive/google-drive-backend';
import { driveEndpointsAt } from '../../storage/google-drive/drive-backend-options';
import { AppError } from '../../errors';
import type { ProviderAdapter } from '../provider-adapter';

interface GoogleDriveSettings {
  /** Drive's permission id of the account: a reconnect must sign in to the same drive. */
  readonly accountId: string;
  readonly email: string | null;
}

export interface GoogleDriveProviderConfig {
  readonly oauth: GoogleOAuthConfig;
  /**
   * Base URL of a Google-compatible endpoint (the local fake in end-to-end runs);
   * production leaves it unset and talks to Google.
   */
  readonly baseUrl?: string | null;
}

export const GOOGLE_BASE_URL_ENV = 'DOCUVAULT_GOOGLE_BASE_URL';

export function googleDriveConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): GoogleDriveProviderConfig {
  return { oauth: googleOAuthConfigFromEnv(env), baseUrl: env[GOOGLE_BASE_URL_ENV]?.trim() || null };
}

/** Google Drive: sign in through the browser (loopback redirect), documents in a visible DocuVault folder. */
export function googleDriveProvider(config: GoogleDriveProviderConfig): ProviderAdapter<GoogleDriveSettings, OAuthTokens> {
  const client = new GoogleOAuthClient({
    ...config.oauth,
    ...(config.baseUrl ? { endpoints: googleEndpointsAt(config.baseUrl) } : {}),
  });
  const signInOnly = () => new AppError('VALIDATION', 'Google Drive is connected by signing in through the browser.');
  return {
    provider: 'google_drive',
    backendKind: 'google_drive',
    async prepare() {
      throw signInOnly();
    },
    reconnect() {
      throw signInOnly();
    },
    createBackend(_settings, _tokens, _net, auth) {
      if (!auth) throw new AppError('INTERNAL', 'Google Drive needs the connection’s access token.');
      return new GoogleDriveBackend({ accessToken: () => auth.accessToken(), ...(config.baseUrl ? driveEndpointsAt(config.baseUrl) : {}) });
    },
    async afterConnect(backend) {
      await (backend as GoogleDriveBackend).ensureRootFolder();
    },
    oauth: {
      client,
      fromSignIn: (tokens, account) => ({
        settings: { accountId: account.id, email: account.email },
        secret: tokens,
        account: account.email ?? account.name ?? 'Google account',
        defaultLabel: 'Google Drive',
      }),
      accountId: (settings) => settings.accountId,
    },
    publicSettings: (settings) => ({ email: settings.email, rootFolder: 'DocuVault' }),
  };
}
