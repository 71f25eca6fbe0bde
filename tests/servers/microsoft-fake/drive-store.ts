import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** One driveItem as the fake keeps it; a file's bytes live in a file under the fake's directory. */
export interface StoredItem {
  readonly id: string;
  name: string;
  /** Null only for the root. */
  parentId: string | null;
  readonly isFolder: boolean;
  content: { path: string; size: number; quickXorHash: string; mimeType: string } | null;
  description: string | null;
  readonly createdDateTime: string;
  lastModifiedDateTime: string;
  /** Bumped on every change; part of the eTag. */
  version: number;
}

/** How a new or moved item treats an existing one of the same name (`@microsoft.graph.conflictBehavior`). */
export type ConflictBehavior = 'fail' | 'replace' | 'rename';

export function parseConflictBehavior(value: unknown, fallback: ConflictBehavior): ConflictBehavior | null {
  if (value === undefined || value === null || value === '') return fallback;
  return value === 'fail' || value === 'replace' || value === 'rename' ? value : null;
}

/** Where a name may go in a folder: free (possibly renamed), taken by another item (fail), or to replace it. */
export type Placement = { kind: 'free'; name: string } | { kind: 'conflict' } | { kind: 'replace'; existing: StoredItem };

const INVALID_CHARACTERS = /["*:<>?/\\|]/;
const RESERVED_NAMES = /^(\.lock|con|prn|aux|nul|com\d|lpt\d|desktop\.ini)$/i;

/** OneDrive's naming rules (the subset both OneDrive personal and for Business enforce). */
export function invalidNameReason(name: string): string | null {
  if (name.length === 0) return 'The name is empty.';
  if (name.length > 255) return 'The name is longer than 255 characters.';
  if (INVALID_CHARACTERS.test(name)) return 'The name contains invalid characters.';
  if (name.startsWith(' ') || name.endsWith(' ') || name.endsWith('.')) return 'The name cannot start or end with a space or end with a period.';
  if (RESERVED_NAMES.test(name) || name.startsWith('~$') || name.includes('_vti_')) return 'The name is reserved.';
  return null;
}

const MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** OneDrive infers a file's type from its extension, whatever the uploader said. */
export function mimeTypeFor(name: string): string {
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return MIME_TYPES[extension] ?? 'application/octet-stream';
}

/** "report.pdf" → "report 1.pdf", "report 2.pdf"… as OneDrive's `rename` conflict behaviour numbers them. */
function numbered(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} ${n}${name.slice(dot)}` : `${name} ${n}`;
}

/**
 * The one drive of the fake's account: a root and everything under it. Names
 * are unique per folder regardless of case (as in OneDrive); ids look like a
 * personal drive's (`<drive id>!<n>`); a quota limits the bytes stored.
 */
export class DriveStore {
  readonly driveId = randomBytes(8).toString('hex').toUpperCase();
  readonly rootId: string;
  /** Bytes allowed in the drive. */
  quotaTotal = 5 * 1024 ** 3;
  private nextNumber = 101;
  private readonly items = new Map<string, StoredItem>();

  constructor(readonly directory: string) {
    this.rootId = this.newId();
    const now = new Date().toISOString();
    this.items.set(this.rootId, {
      id: this.rootId,
      name: 'root',
      parentId: null,
      isFolder: true,
      content: null,
      description: null,
      createdDateTime: now,
      lastModifiedDateTime: now,
      version: 1,
    });
  }

  newId(): string {
    return `${this.driveId}!${this.nextNumber++}`;
  }

  /** Resolves the `root` alias. */
  get(id: string): StoredItem | undefined {
    return this.items.get(id === 'root' ? this.rootId : id);
  }

  all(): StoredItem[] {
    return [...this.items.values()].filter((item) => item.id !== this.rootId);
  }

  children(parentId: string): StoredItem[] {
    return this.all().filter((item) => item.parentId === parentId);
  }

  childNamed(parentId: string, name: string): StoredItem | undefined {
    const wanted = name.toLowerCase();
    return this.children(parentId).find((item) => item.name.toLowerCase() === wanted);
  }

  /** Follows names from `baseId` (e.g. root); undefined when any step is missing. */
  resolvePath(baseId: string, names: readonly string[]): StoredItem | undefined {
    let current = this.get(baseId);
    for (const name of names) {
      if (!current?.isFolder) return undefined;
      current = this.childNamed(current.id, name);
    }
    return current;
  }

  /** Display path from the root, e.g. ['DocuVault', 'Taxes', 'report.pdf']. */
  pathOf(id: string): string[] {
    const names: string[] = [];
    for (let current = this.get(id); current && current.parentId !== null; current = this.get(current.parentId)) names.unshift(current.name);
    return names;
  }

  /** `/drive/root:/DocuVault/Taxes` for an item's parent, as `parentReference.path` reads. */
  parentPathOf(item: StoredItem): string | undefined {
    if (item.parentId === null) return undefined;
    const names = this.pathOf(item.parentId);
    return names.length === 0 ? '/drive/root:' : `/drive/root:/${names.map(encodeURIComponent).join('/')}`;
  }

  isInside(id: string, ancestorId: string): boolean {
    for (let current = this.get(id); current; current = current.parentId === null ? undefined : this.get(current.parentId)) {
      if (current.id === ancestorId) return true;
    }
    return false;
  }

  /** How `name` can be placed in `parentId` under `behavior`, ignoring `self` (an item being renamed in place). */
  place(parentId: string, name: string, behavior: ConflictBehavior, self?: string): Placement {
    const taken = (candidate: string) => {
      const existing = this.childNamed(parentId, candidate);
      return existing && existing.id !== self ? existing : undefined;
    };
    const existing = taken(name);
    if (!existing) return { kind: 'free', name };
    if (behavior === 'fail') return { kind: 'conflict' };
    if (behavior === 'replace') return { kind: 'replace', existing };
    for (let n = 1; ; n++) if (!taken(numbered(name, n))) return { kind: 'free', name: numbered(name, n) };
  }

  usage(): number {
    let total = 0;
    for (const item of this.items.values()) total += item.content?.size ?? 0;
    return total;
  }

  wouldExceedQuota(extraBytes: number): boolean {
    return this.usage() + extraBytes > this.quotaTotal;
  }

  /** Bytes under an item (a folder's size is what it holds). */
  sizeOf(item: StoredItem): number {
    if (!item.isFolder) return item.content?.size ?? 0;
    return this.children(item.id).reduce((sum, child) => sum + this.sizeOf(child), 0);
  }

  contentPathFor(id: string): string {
    return join(this.directory, `${id.replace(/[^A-Za-z0-9]/g, '_')}.bin`);
  }

  add(item: Omit<StoredItem, 'createdDateTime' | 'lastModifiedDateTime' | 'version'>): StoredItem {
    const now = new Date().toISOString();
    const stored: StoredItem = { ...item, createdDateTime: now, lastModifiedDateTime: now, version: 1 };
    this.items.set(stored.id, stored);
    return stored;
  }

  touch(item: StoredItem): void {
    item.lastModifiedDateTime = new Date().toISOString();
    item.version++;
  }

  /** Deletes an item and everything under it (the fake has no recycle bin). */
  async delete(id: string): Promise<void> {
    const item = this.get(id);
    if (!item || item.id === this.rootId) return;
    for (const child of this.children(item.id)) await this.delete(child.id);
    this.items.delete(item.id);
    if (item.content) await rm(item.content.path, { force: true });
  }
}
