import type { VaultCore } from '../../core/vault-core';
import type { Handlers } from '../router';

type VaultHandlers = Pick<Handlers, 'vault:info' | 'vault:set-quota' | 'vault:remove-all-data'>;

export function vaultHandlers(core: VaultCore): VaultHandlers {
  return {
    'vault:info': () => core.documents.vaultInfo(),
    'vault:set-quota': ({ quotaBytes }) => core.documents.setQuota(quotaBytes),
    'vault:remove-all-data': ({ deleteFromServers }) => core.removeAllData(deleteFromServers),
  };
}
