import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** One Drive item as the fake keeps it. Content lives in a file under the fake's directory. */
export interface StoredFile {
  readonly id: string;
  name: string;
  readonly mimeType: string;
  parents: string[];
  appProperties: Record<string, string>;
  trashed: boolean;
  readonly createdTime: string;
  modifiedTime: string;
  /** Content facts; null for folders. */
  readonly content: { readonly path: string; readonly size: number; readonly md5: string; readonly sha256: string } | null;
}

/** Drive file ids: 33 characters of [A-Za-z0-9_-]. */
export const newDriveId = () => `1${randomBytes(24).toString('base64url').slice(0, 32)}`;

/** appProperties entries: Drive refuses a key + value longer than 124 bytes (UTF-8). */
const MAX_PROPERTY_BYTES = 124;

export class InvalidPropertyError extends Error {}

export function mergeAppProperties(current: Record<string, string>, patch: unknown): Record<string, string> {
  if (patch === undefined) return current;
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new InvalidPropertyError('appProperties must be an object');
  const next = { ...current };
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) {
      delete next[key];
      continue;
    }
    if (typeof value !== 'string') throw new InvalidPropertyError(`appProperties.${key} must be a string`);
    if (Buffer.byteLength(key) + Buffer.byteLength(value) > MAX_PROPERTY_BYTES) {
      throw new InvalidPropertyError(`The size of the property ${key} exceeds the 124 bytes limit on key + value size.`);
    }
    next[key] = value;
  }
  return next;
}

/**
 * My Drive of the fake's one account: a root folder and everything the app
 * created under it (with the `drive.file` scope the app sees nothing else).
 */
export class DriveStore {
  readonly rootId = `0A${randomBytes(12).toString('base64url')}Uk9PVA`;
  private readonly files = new Map<string, StoredFile>();
  /** Bytes allowed in the account; null for unlimited. */
  storageLimit: number | null = 15 * 1024 ** 3;

  constructor(readonly directory: string) {
    const now = new Date().toISOString();
    this.files.set(this.rootId, {
      id: this.rootId,
      name: 'My Drive',
      mimeType: FOLDER_MIME,
      parents: [],
      appProperties: {},
      trashed: false,
      createdTime: now,
      modifiedTime: now,
      content: null,
    });
  }

  /** Resolves the `root` alias. */
  resolveId(id: string): string {
    return id === 'root' ? this.rootId : id;
  }

  get(id: string): StoredFile | undefined {
    return this.files.get(this.resolveId(id));
  }

  /** Every item but the root, in creation order. */
  all(): StoredFile[] {
    return [...this.files.values()].filter((file) => file.id !== this.rootId);
  }

  isFolder(id: string): boolean {
    return this.get(id)?.mimeType === FOLDER_MIME;
  }

  usage(): number {
    let total = 0;
    for (const file of this.files.values()) total += file.content?.size ?? 0;
    return total;
  }

  wouldExceedQuota(extraBytes: number): boolean {
    return this.storageLimit !== null && this.usage() + extraBytes > this.storageLimit;
  }

  contentPathFor(id: string): string {
    return join(this.directory, `${id}.bin`);
  }

  add(file: Omit<StoredFile, 'createdTime' | 'modifiedTime'>): StoredFile {
    const now = new Date().toISOString();
    const stored: StoredFile = { ...file, createdTime: now, modifiedTime: now };
    this.files.set(stored.id, stored);
    return stored;
  }

  /** Deletes permanently; a folder takes its descendants with it, as in Drive. */
  async delete(id: string): Promise<void> {
    const file = this.get(id);
    if (!file || file.id === this.rootId) return;
    for (const child of this.all().filter((candidate) => candidate.parents.includes(file.id))) await this.delete(child.id);
    this.files.delete(file.id);
    if (file.content) await rm(file.content.path, { force: true });
  }

  /** Display path from My Drive, e.g. ['DocuVault', 'Taxes', 'report.pdf']; null when detached. */
  pathOf(id: string): string[] | null {
    const names: string[] = [];
    let current = this.get(id);
    for (let depth = 0; current && current.id !== this.rootId; depth++) {
      if (depth > 64) return null;
      names.unshift(current.name);
      const parent = current.parents[0];
      current = parent ? this.get(parent) : undefined;
    }
    return current ? names : null;
  }

  /** Items whose display path is exactly `path` (Drive allows duplicate names). */
  findByPath(path: readonly string[]): StoredFile[] {
    return this.all().filter((file) => {
      const actual = this.pathOf(file.id);
      return actual !== null && actual.length === path.length && actual.every((name, i) => name === path[i]);
    });
  }
}
