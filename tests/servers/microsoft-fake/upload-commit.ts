import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { mimeTypeFor, type ConflictBehavior, type DriveStore, type StoredItem } from './drive-store';
import { ReferenceQuickXor } from './reference-quick-xor';

/** What finishing an upload produced, or why it could not be finished. */
export type CommitOutcome =
  | { kind: 'created'; item: StoredItem }
  | { kind: 'replaced'; item: StoredItem }
  | { kind: 'conflict' }
  | { kind: 'quota' }
  | { kind: 'parent-gone' };

export interface UploadToCommit {
  readonly parentId: string;
  readonly name: string;
  readonly behavior: ConflictBehavior;
  readonly description: string | null;
  /** The received bytes, in a temporary file of the fake; moved into the store on success. */
  readonly tempPath: string;
  readonly size: number;
  /** The hash of the bytes as they arrived, or null to compute it from the file. */
  readonly quickXorHash: string | null;
}

/** Controls the tests steer commits with. */
export interface CommitControls {
  /** The next commit flips one byte of the stored content (after receiving, before hashing): the reported hash no longer matches what was sent. */
  corruptNextUpload: boolean;
}

export async function quickXorOfFile(path: string): Promise<string> {
  const hash = new ReferenceQuickXor();
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digestBase64();
}

async function flipOneByte(path: string, size: number): Promise<void> {
  if (size === 0) return;
  const handle = await open(path, 'r+');
  try {
    const at = Math.floor(size / 2);
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, at);
    byte[0] = byte[0]! ^ 0xff;
    await handle.write(byte, 0, 1, at);
  } finally {
    await handle.close();
  }
}

/**
 * Turns received bytes into an item, as the service does when the last byte
 * of a session (or a simple upload's body) arrives: the name is checked
 * against the folder under the conflict behaviour (a name taken by then
 * answers 409, even if it was free when the upload started), the quota
 * checked, the hash computed; `replace` keeps the existing item's id and
 * gives it the new content.
 */
export async function commitUpload(store: DriveStore, upload: UploadToCommit, controls: CommitControls): Promise<CommitOutcome> {
  const parent = store.get(upload.parentId);
  if (!parent?.isFolder) return { kind: 'parent-gone' };
  const placement = store.place(parent.id, upload.name, upload.behavior);
  if (placement.kind === 'conflict') return { kind: 'conflict' };
  const replacedBytes = placement.kind === 'replace' ? store.sizeOf(placement.existing) : 0;
  if (store.wouldExceedQuota(upload.size - replacedBytes)) return { kind: 'quota' };
  let quickXorHash = upload.quickXorHash;
  if (controls.corruptNextUpload) {
    controls.corruptNextUpload = false;
    await flipOneByte(upload.tempPath, upload.size);
    quickXorHash = null;
  }
  quickXorHash ??= await quickXorOfFile(upload.tempPath);
  if (placement.kind === 'replace' && !placement.existing.isFolder) {
    const item = placement.existing;
    const path = store.contentPathFor(item.id);
    await rename(upload.tempPath, path);
    item.content = { path, size: upload.size, quickXorHash, mimeType: mimeTypeFor(item.name) };
    if (upload.description !== null) item.description = upload.description;
    store.touch(item);
    return { kind: 'replaced', item };
  }
  if (placement.kind === 'replace') await store.delete(placement.existing.id);
  const name = placement.kind === 'free' ? placement.name : upload.name;
  const id = store.newId();
  const path = store.contentPathFor(id);
  await rename(upload.tempPath, path);
  const item = store.add({
    id,
    name,
    parentId: parent.id,
    isFolder: false,
    content: { path, size: upload.size, quickXorHash, mimeType: mimeTypeFor(name) },
    description: upload.description,
  });
  return { kind: 'created', item };
}

export async function discardTemp(path: string): Promise<void> {
  await rm(path, { force: true });
}
