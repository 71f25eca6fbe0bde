import { useCallback } from 'react';
import type { FolderDto } from '../../../src-shared/domain';
import { useConfirm } from '../../ui/confirm';
import { plural } from '../../ui/format';
import { useToasts } from '../../ui/toasts';
import { useCommand } from '../common/use-command';
import { descendantsOf, documentsInSubtree } from './folder-tree';

export interface FolderActions {
  create(name: string, parentId: string | null): Promise<FolderDto | null>;
  rename(folder: FolderDto, name: string): Promise<boolean>;
  /** Asks first; a folder with documents or subfolders is only deleted with all of them. */
  remove(folder: FolderDto, all: readonly FolderDto[]): Promise<boolean>;
}

export function useFolderActions(): FolderActions {
  const command = useCommand();
  const confirm = useConfirm();
  const toasts = useToasts();

  const create = useCallback(
    async (name: string, parentId: string | null) => {
      const result = await command('folders:create', { name, parentId });
      return result.ok ? result.value : null;
    },
    [command],
  );

  const rename = useCallback(
    async (folder: FolderDto, name: string) => (await command('folders:rename', { id: folder.id, name })).ok,
    [command],
  );

  const remove = useCallback(
    async (folder: FolderDto, all: readonly FolderDto[]) => {
      const documents = documentsInSubtree(all, folder.id);
      const subfolders = descendantsOf(all, folder.id).length;
      const empty = documents === 0 && subfolders === 0;
      const contents = [documents ? plural(documents, 'document') : '', subfolders ? plural(subfolders, 'subfolder') : '']
        .filter(Boolean)
        .join(' and ');
      const confirmed = await confirm({
        title: `Delete “${folder.name}”?`,
        message: empty
          ? 'The folder is empty.'
          : `It contains ${contents}. They will be deleted from where they are stored too. This cannot be undone.`,
        confirmLabel: empty
          ? 'Delete folder'
          : documents
            ? `Delete folder and its ${plural(documents, 'document')}`
            : `Delete folder and its ${plural(subfolders, 'subfolder')}`,
      });
      if (!confirmed) return false;
      const result = await command('folders:delete', { id: folder.id, deleteDocuments: !empty });
      if (result.ok) toasts.info(`Deleted “${folder.name}”.`);
      return result.ok;
    },
    [command, confirm, toasts],
  );

  return { create, rename, remove };
}
