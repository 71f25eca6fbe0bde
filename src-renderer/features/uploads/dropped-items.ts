/** What a drop brought in: loose files, and folders with their contents. */
export interface DroppedFolder {
  readonly name: string;
  readonly files: readonly File[];
  readonly folders: readonly DroppedFolder[];
}

export interface Dropped {
  readonly files: readonly File[];
  readonly folders: readonly DroppedFolder[];
}

/** Files operating systems leave in folders that nobody means to upload. */
const SYSTEM_JUNK = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', '.localized']);

function isJunk(name: string): boolean {
  return SYSTEM_JUNK.has(name.toLowerCase()) || name.startsWith('._');
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** A directory reader answers in batches (about 100 entries in Chromium); read until it answers none. */
async function entriesOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

export async function readDroppedFolder(directory: FileSystemDirectoryEntry): Promise<DroppedFolder> {
  const children = (await entriesOf(directory)).filter((e) => !isJunk(e.name));
  const files = await Promise.all(children.filter(isFile).map(fileOf));
  const folders = await Promise.all(children.filter(isDirectory).map(readDroppedFolder));
  return { name: directory.name, files, folders };
}

/**
 * Reads a drop. Must be called inside the drop handler: a DataTransfer's items
 * are only readable during the event, so entries are taken synchronously and
 * walked afterwards. Items without entries (a synthetic DataTransfer, some
 * platforms) fall back to `dataTransfer.files`.
 */
export function captureDrop(dataTransfer: DataTransfer): Promise<Dropped> {
  const items = [...(dataTransfer.items ?? [])].filter((item) => item.kind === 'file');
  const taken = items.map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  const fallbackFiles = [...(dataTransfer.files ?? [])];

  if (!taken.some((t) => t.entry !== null)) return Promise.resolve({ files: fallbackFiles, folders: [] });

  const files: File[] = [];
  const directories: FileSystemDirectoryEntry[] = [];
  taken.forEach(({ entry, file }, index) => {
    if (entry && isDirectory(entry)) directories.push(entry);
    else {
      // The item's own File keeps the OS path Electron's preload needs; an entry's copy may not.
      const own = file ?? fallbackFiles[index];
      if (own) files.push(own);
    }
  });
  return Promise.all(directories.map(readDroppedFolder)).then((folders) => ({ files, folders }));
}

export function countFiles(dropped: Dropped | DroppedFolder): number {
  return dropped.files.length + dropped.folders.reduce((sum, folder) => sum + countFiles(folder), 0);
}
