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

/** Most ids one delete or move request carries (the contract's limit); a larger selection goes in several. */
const IDS_PER_REQUEST = 10_000;

function inBatches(ids: readonly string[]): string[][] {
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) batches.push(ids.slice(i, i + IDS_PER_REQUEST));
  return batches;
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
      let deleted = 0;
      const done: string[] = [];
      for (const batch of inBatches(ids)) {
        const result = await command('documents:delete', { ids: batch });
        if (!result.ok) break;
        deleted += result.value.deleted;
        done.push(...batch);
      }
      if (done.length === 0) return [];
      toasts.info(one ? `Deleted “${nameOfFirst}”.` : `Deleted ${plural(deleted, 'document')}.`);
      return done;
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
      let moved = 0;
      for (const batch of inBatches(ids)) {
        const result = await command('documents:move', { ids: batch, folderId: folder.id });
        if (!result.ok) break;
        moved += batch.length;
      }
      if (moved > 0) toasts.info(`Moved ${plural(moved, 'document')} to “${folder.name}”.`);
      return moved === ids.length;
    },
    [command, toasts],
  );

  return { remove, rename, move };
}
