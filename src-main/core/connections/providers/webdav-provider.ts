import { WebDavBackend } from '../../storage/webdav/webdav-backend';
import type { ProviderAdapter } from '../provider-adapter';
import { agentsFor, checkedServerUrl, text, trustedFingerprint } from './network-for';

interface WebDavSettings {
  readonly url: string;
  readonly username: string;
  readonly rootFolder: string;
  readonly pinnedCertificateSha256?: string;
}

interface WebDavSecretStored {
  readonly password: string;
}

/** Any WebDAV server: URL, user name, password; documents under DocuVault/ with readable names. */
export const webdavProvider: ProviderAdapter<WebDavSettings, WebDavSecretStored> = {
  provider: 'webdav',
  backendKind: 'webdav',
  async prepare(input, net) {
    const fields = input as Record<string, unknown>;
    const url = await checkedServerUrl(fields.url, net);
    const pinned = trustedFingerprint(fields.trustedCertificateSha256);
    const username = text(fields.username);
    return {
      settings: { url: url.href, username, rootFolder: 'DocuVault', ...(pinned ? { pinnedCertificateSha256: pinned } : {}) },
      secret: { password: String(fields.password ?? '') },
      account: `${username}@${url.host}`,
      defaultLabel: url.host,
    };
  },
  reconnect(settings, _secret, credentials) {
    return { settings, secret: { password: credentials.password ?? '' }, account: `${settings.username}@${new URL(settings.url).host}` };
  },
  createBackend(settings, secret, net) {
    const agents = agentsFor(net, settings.pinnedCertificateSha256);
    return new WebDavBackend(
      { url: settings.url, username: settings.username, rootFolder: settings.rootFolder },
      { password: secret.password },
      { httpAgent: agents.httpAgent, httpsAgent: agents.httpsAgent },
    );
  },
  async afterConnect(backend) {
    await (backend as WebDavBackend).ensureRoot();
  },
  publicSettings: (settings) => ({
    serverUrl: settings.url,
    username: settings.username,
    rootFolder: settings.rootFolder,
    pinnedCertificateSha256: settings.pinnedCertificateSha256 ?? null,
  }),
};
