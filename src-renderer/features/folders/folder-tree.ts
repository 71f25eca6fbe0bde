import type { FolderDto } from '../../../src-shared/domain';

export interface FolderRow {
  readonly folder: FolderDto;
  readonly depth: number;
}

/** Names compare the way people read them: "Scan 2" before "Scan 10", case ignored. */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function childrenOf(folders: readonly FolderDto[], parentId: string | null): FolderDto[] {
  return folders
    .filter((f) => f.parentId === parentId)
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || collator.compare(a.name, b.name));
}

/** The folder tree flattened in display order (built-in vault first), with each folder's depth. */
export function flattenFolderTree(folders: readonly FolderDto[]): FolderRow[] {
  const known = new Set(folders.map((f) => f.id));
  const rows: FolderRow[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const folder of childrenOf(folders, parentId)) {
      rows.push({ folder, depth });
      visit(folder.id, depth + 1);
    }
  };
  visit(null, 0);
  // A folder whose parent is unknown still shows, at the top level.
  for (const folder of folders) {
    if (folder.parentId !== null && !known.has(folder.parentId)) {
      rows.push({ folder, depth: 0 });
      visit(folder.id, 1);
    }
  }
  return rows;
}

export function descendantsOf(folders: readonly FolderDto[], id: string): FolderDto[] {
  const out: FolderDto[] = [];
  const queue = [id];
  while (queue.length) {
    const parent = queue.shift();
    for (const folder of folders) {
      if (folder.parentId === parent) {
        out.push(folder);
        queue.push(folder.id);
      }
    }
  }
  return out;
}

/** Documents a folder delete would take with it: its own and every subfolder's. */
export function documentsInSubtree(folders: readonly FolderDto[], id: string): number {
  const own = folders.find((f) => f.id === id)?.documentCount ?? 0;
  return descendantsOf(folders, id).reduce((sum, f) => sum + f.documentCount, own);
}

export function sameName(a: string, b: string): boolean {
  return a.normalize('NFC').trim().toLocaleLowerCase() === b.normalize('NFC').trim().toLocaleLowerCase();
}

export function findChildFolder(folders: readonly FolderDto[], parentId: string | null, name: string): FolderDto | undefined {
  return folders.find((f) => f.parentId === parentId && sameName(f.name, name));
}
