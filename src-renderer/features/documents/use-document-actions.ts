import { useCallback } from 'react';
import type { DocumentDto, FolderDto } from '../../../src-shared/domain';
import { useConfirm } from '../../ui/confirm';
import { plural } from '../../ui/format';
import { useToasts } from '../../ui/toasts';
import { useCommand } from '../common/use-command';

export interface DocumentActions {
  /** Asks first; resolves with the ids that were deleted (none when the person cancelled or it failed). */
  remove(ids: readonly string[], nameOfFirst: string | undefined): Promise<readonly string[]>;
  rename(document: DocumentDto, name: string): Promise<boolean>;
  move(ids: readonly string[], folder: FolderDto): Promise<boolean>;
}

export function useDocumentActions(): DocumentActions {
  const command = useCommand();
  const confirm = useConfirm();
  const toasts = useToasts();

  const remove = useCallback(
    async (ids: readonly string[], nameOfFirst: string | undefined) => {
      if (ids.length === 0) return [];
      const one = ids.length === 1 && nameOfFirst;
      const confirmed = await confirm({
        title: one ? `Delete “${nameOfFirst}”?` : `Delete ${plural(ids.length, 'document')}?`,
        message: `${one ? 'It' : 'They'} will be deleted from where ${one ? 'it is' : 'they are'} stored too. This cannot be undone.`,
        confirmLabel: 'Delete',
      });
      if (!confirmed) return [];
      const result = await command('documents:delete', { ids: [...ids] });
      if (!result.ok) return [];
      toasts.info(one ? `Deleted “${nameOfFirst}”.` : `Deleted ${plural(result.value.deleted, 'document')}.`);
      return ids;
    },
    [command, confirm, toasts],
  );

  const rename = useCallback(
    async (document: DocumentDto, name: string) => (await command('documents:rename', { id: document.id, name })).ok,
    [command],
  );

  const move = useCallback(
    async (ids: readonly string[], folder: FolderDto) => {
      if (ids.length === 0) return false;
      const result = await command('documents:move', { ids: [...ids], folderId: folder.id });
      if (result.ok) toasts.info(`Moved ${plural(ids.length, 'document')} to “${folder.name}”.`);
      return result.ok;
    },
    [command, toasts],
  );

  return { remove, rename, move };
}
