import type { VaultCore } from '../../core/vault-core';
import type { Handlers } from '../router';

type FolderHandlers = Pick<Handlers, 'folders:list' | 'folders:create' | 'folders:rename' | 'folders:delete'>;

export function folderHandlers(core: VaultCore): FolderHandlers {
  return {
    'folders:list': () => core.folders.list(),
    'folders:create': ({ name, parentId, connectionId }) => core.folders.create(name, parentId, connectionId),
    'folders:rename': ({ id, name }) => core.folders.rename(id, name),
    'folders:delete': ({ id, deleteDocuments }) => core.folders.delete(id, deleteDocuments),
  };
}
