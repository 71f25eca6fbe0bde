import type { Agent } from 'node:https';
import type { ProviderAdapter } from '../../../src-main/core/connections/provider-adapter';
import { AppError } from '../../../src-main/core/errors';
import type { MicrosoftOAuthClient } from '../../../src-main/core/oauth/microsoft/microsoft-oauth-client';
import type { OAuthTokens } from '../../../src-main/core/oauth/oauth-client';
import { OneDriveBackend } from '../../../src-main/core/storage/onedrive/onedrive-backend';

interface OneDriveSettings {
  /** The home account id (`<oid>.<tid>`): a reconnect must sign in as the same person. */
  readonly accountId: string;
}

/**
 * A OneDrive provider adapter for these tests, wiring the real OAuth client
 * and backend into the connections service the way the product's adapter
 * (src-main/core/connections/providers/, not written here) is meant to: the
 * secret is the OAuthTokens (MSAL cache included, sealed by the service),
 * the backend reads the service's current access token on every request,
 * and `afterConnect` makes the DocuVault folder.
 */
export function oneDriveTestProvider(client: MicrosoftOAuthClient, httpsAgent: Agent): ProviderAdapter<OneDriveSettings, OAuthTokens> {
  return {
    provider: 'onedrive',
    backendKind: 'onedrive',
    async prepare() {
      throw new AppError('VALIDATION', 'Sign in to OneDrive through the browser.');
    },
    reconnect() {
      throw new AppError('VALIDATION', 'Sign in to OneDrive through the browser.');
    },
    createBackend(_settings, _secret, _net, auth) {
      return new OneDriveBackend({ graphBaseUrl: client.endpoints.graphBaseUrl, accessToken: () => auth?.accessToken() ?? '', httpsAgent });
    },
    oauth: {
      client,
      fromSignIn: (tokens, account) => ({
        settings: { accountId: account.id },
        secret: tokens,
        account: account.email ?? account.name ?? account.id,
        defaultLabel: 'OneDrive',
      }),
      accountId: (settings) => settings.accountId,
    },
    async afterConnect(backend) {
      await (backend as OneDriveBackend).ensureRootFolder();
    },
    publicSettings: () => ({}),
  };
}
