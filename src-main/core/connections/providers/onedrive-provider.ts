import type { Agent as HttpsAgent } from 'node:https';
import { AppError } from '../../errors';
import type { OAuthTokens } from '../../oauth/oauth-client';
import { MicrosoftOAuthClient } from '../../oauth/microsoft/microsoft-oauth-client';
import { microsoftOAuthConfigFromEnv, type MicrosoftOAuthConfig } from '../../oauth/microsoft/microsoft-oauth-config';
import { OneDriveBackend } from '../../storage/onedrive/onedrive-backend';
import type { ProviderAdapter } from '../provider-adapter';
import { agentsFor } from './network-for';

interface OneDriveSettings {
  /** The account's id at Microsoft: a reconnect must sign in to the same drive. */
  readonly accountId: string;
  readonly email: string | null;
}

export interface OneDriveProviderConfig {
  readonly oauth: MicrosoftOAuthConfig;
  /** Agent for Graph (tests: one that trusts the fake's CA). */
  readonly graphHttpsAgent?: HttpsAgent;
}

export function oneDriveConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): OneDriveProviderConfig {
  return { oauth: microsoftOAuthConfigFromEnv(env) };
}

/** OneDrive: sign in through the browser (deep link, or loopback where the scheme is unavailable). */
export function oneDriveProvider(config: OneDriveProviderConfig): ProviderAdapter<OneDriveSettings, OAuthTokens> {
  const client = new MicrosoftOAuthClient(config.oauth);
  const signInOnly = () => new AppError('VALIDATION', 'OneDrive is connected by signing in through the browser.');
  return {
    provider: 'onedrive',
    backendKind: 'onedrive',
    async prepare() {
      throw signInOnly();
    },
    reconnect() {
      throw signInOnly();
    },
    createBackend(_settings, _tokens, net, auth) {
      if (!auth) throw new AppError('INTERNAL', 'OneDrive needs the connection’s access token.');
      // The URL policy (and any extra CA) applies to Graph and to the upload and download hosts it hands out.
      const agents = config.graphHttpsAgent ? null : agentsFor(net, undefined);
      return new OneDriveBackend({
        accessToken: () => auth.accessToken(),
        graphBaseUrl: client.endpoints.graphBaseUrl,
        ...(config.graphHttpsAgent
          ? { httpsAgent: config.graphHttpsAgent }
          : { httpsAgent: agents!.httpsAgent, httpAgent: agents!.httpAgent }),
      });
    },
    async afterConnect(backend) {
      await (backend as OneDriveBackend).ensureRootFolder();
    },
    oauth: {
      client,
      fromSignIn: (tokens, account) => ({
        settings: { accountId: account.id, email: account.email },
        secret: tokens,
        account: account.email ?? account.name ?? 'Microsoft account',
        defaultLabel: 'OneDrive',
      }),
      accountId: (settings) => settings.accountId,
    },
    publicSettings: (settings) => ({ email: settings.email, rootFolder: 'DocuVault' }),
  };
}
