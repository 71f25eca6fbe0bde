import { NextcloudBackend } from '../../storage/nextcloud/nextcloud-backend';
import type { ProviderAdapter } from '../provider-adapter';
import { agentsFor, checkedServerUrl, text, trustedFingerprint } from './network-for';

interface NextcloudSettings {
  readonly serverUrl: string;
  readonly loginName: string;
  readonly rootFolder: string;
  readonly pinnedCertificateSha256?: string;
}

interface NextcloudSecretStored {
  readonly appPassword: string;
}

/** Nextcloud: its WebDAV files root with the user id discovered, app passwords, chunked uploads. */
export const nextcloudProvider: ProviderAdapter<NextcloudSettings, NextcloudSecretStored> = {
  provider: 'nextcloud',
  backendKind: 'nextcloud',
  async prepare(input, net) {
    const fields = input as Record<string, unknown>;
    const url = await checkedServerUrl(fields.serverUrl, net);
    const pinned = trustedFingerprint(fields.trustedCertificateSha256);
    const loginName = text(fields.loginName);
    return {
      settings: { serverUrl: url.href, loginName, rootFolder: 'DocuVault', ...(pinned ? { pinnedCertificateSha256: pinned } : {}) },
      secret: { appPassword: String(fields.appPassword ?? '') },
      account: `${loginName}@${url.host}`,
      defaultLabel: `Nextcloud (${url.host})`,
    };
  },
  reconnect(settings, _secret, credentials) {
    const loginName = credentials.loginName?.trim() || settings.loginName;
    return {
      settings: { ...settings, loginName },
      secret: { appPassword: credentials.appPassword ?? '' },
      account: `${loginName}@${new URL(settings.serverUrl).host}`,
    };
  },
  createBackend(settings, secret, net) {
    const agents = agentsFor(net, settings.pinnedCertificateSha256);
    return new NextcloudBackend(
      { serverUrl: settings.serverUrl, loginName: settings.loginName, rootFolder: settings.rootFolder },
      { appPassword: secret.appPassword },
      { httpAgent: agents.httpAgent, httpsAgent: agents.httpsAgent },
    );
  },
  async afterConnect(backend) {
    await (backend as NextcloudBackend).ensureRoot();
  },
  publicSettings: (settings) => ({
    serverUrl: settings.serverUrl,
    loginName: settings.loginName,
    rootFolder: settings.rootFolder,
    pinnedCertificateSha256: settings.pinnedCertificateSha256 ?? null,
  }),
};
