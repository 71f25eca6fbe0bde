/**
 * Stand-ins for what a drop hands the page. jsdom has no DataTransfer and no
 * File System Entries API, so these implement the parts the app reads.
 */

export interface FakeFileEntry {
  readonly isFile: true;
  readonly isDirectory: false;
  readonly name: string;
  file(success: (file: File) => void): void;
}

export interface FakeDirectoryEntry {
  readonly isFile: false;
  readonly isDirectory: true;
  readonly name: string;
  createReader(): { readEntries(success: (entries: FakeEntry[]) => void): void };
}

export type FakeEntry = FakeFileEntry | FakeDirectoryEntry;

export function fileEntry(file: File): FakeFileEntry {
  return { isFile: true, isDirectory: false, name: file.name, file: (success) => success(file) };
}

/** Answers readEntries in batches of `batchSize`, then an empty batch, like Chromium. */
export function directoryEntry(name: string, children: FakeEntry[], batchSize = 2): FakeDirectoryEntry {
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader() {
      let offset = 0;
      return {
        readEntries(success) {
          const batch = children.slice(offset, offset + batchSize);
          offset += batch.length;
          setTimeout(() => success(batch), 0);
        },
      };
    },
  };
}

interface DropItem {
  readonly file?: File;
  readonly entry?: FakeEntry | null;
}

/** A DataTransfer as a drop from the file manager presents it (types include "Files"). */
export function fileDrop(items: DropItem[]) {
  const files = items.flatMap((i) => (i.file ? [i.file] : []));
  return {
    types: ['Files'],
    files,
    items: items.map((i) => ({
      kind: 'file',
      type: i.file?.type ?? '',
      getAsFile: () => i.file ?? null,
      webkitGetAsEntry: () => i.entry ?? null,
    })),
    dropEffect: 'none',
    effectAllowed: 'all',
    getData: () => '',
    setData: () => undefined,
  };
}

export function file(name: string, content = 'x'.repeat(100), type = 'application/pdf'): File {
  return new File([content], name, { type });
}
