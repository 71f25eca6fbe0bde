import type { VaultCore } from '../../core/vault-core';
import type { Handlers } from '../router';

type ConnectionHandlers = Pick<
  Handlers,
  | 'connections:list'
  | 'connections:providers'
  | 'connections:connect-s3'
  | 'connections:connect-webdav'
  | 'connections:connect-nextcloud'
  | 'connections:nextcloud-login'
  | 'connections:cancel-login'
  | 'connections:connect-oauth'
  | 'connections:probe-certificate'
  | 'connections:test'
  | 'connections:rename'
  | 'connections:set-quota'
  | 'connections:reconnect'
  | 'connections:disconnect'
  | 'credentials:status'
  | 'credentials:consent'
>;

export function connectionHandlers(core: VaultCore): ConnectionHandlers {
  return {
    'connections:list': () => core.connections.list(),
    'connections:providers': () => core.connections.providers(),
    'connections:connect-s3': (input) => core.connections.connect('s3', input),
    'connections:connect-webdav': (input) => core.connections.connect('webdav', input),
    'connections:connect-nextcloud': (input) => core.connections.connect('nextcloud', input),
    'connections:nextcloud-login': (input) => core.nextcloudSignIn.start(input),
    'connections:cancel-login': ({ attemptId }) => ({
      cancelled: core.signIn.cancel(attemptId) || core.nextcloudSignIn.cancel(attemptId),
    }),
    'connections:connect-oauth': ({ provider, reconnectId }) => core.signIn.start(provider, reconnectId ?? null),
    'connections:probe-certificate': ({ url }) => core.connections.probeCertificate(url),
    'connections:test': ({ id }) => core.connections.test(id),
    'connections:rename': ({ id, label }) => core.connections.rename(id, label),
    'connections:set-quota': ({ id, quotaBytes }) => core.connections.setQuota(id, quotaBytes),
    'connections:reconnect': ({ id, credentials, trustedCertificateSha256 }) =>
      core.connections.reconnect(id, credentials as Record<string, string>, trustedCertificateSha256),
    'connections:disconnect': ({ id, documents }) => core.connections.disconnect(id, documents),
    'credentials:status': () => core.connections.protectionStatus(),
    'credentials:consent': () => core.connections.acceptWeakProtection(),
  };
}
