import type { SortKey } from '../../src-shared/contract';
import type { FolderDto } from '../../src-shared/domain';
import { PAGE_SIZE } from './document-page-store';
import type { PrefetchingClient } from './prefetching-client';

export interface InitialListing {
  readonly sortBy: SortKey;
  readonly sortDir: 'asc' | 'desc';
}

/** The folder the Library shows first: the built-in vault (or, failing that, the first folder). */
export function initialFolder(folders: readonly FolderDto[]): FolderDto | undefined {
  return folders.find((f) => f.isDefault) ?? folders[0];
}

/**
 * The window's first view, asked for before React mounts: the folder list at once,
 * and the first folder's first page of documents the moment the folders answer,
 * without waiting for the Library to render. The hooks that ask the same questions
 * (useFolders, useDocumentPages) then receive these answers.
 */
export function prefetchInitialView(client: PrefetchingClient, listing: InitialListing): void {
  void client.prefetch('folders:list', {}).then((result) => {
    if (!result.ok) return;
    const folder = initialFolder(result.value);
    if (!folder) return;
    void client.prefetch('documents:list', {
      folderId: folder.id,
      sortBy: listing.sortBy,
      sortDir: listing.sortDir,
      offset: 0,
      limit: PAGE_SIZE,
    });
  });
}
