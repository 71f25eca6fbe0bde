import { performance } from 'node:perf_hooks';
import type { VaultSession } from './vault-session';

export interface UploadOutcome {
  readonly ms: number;
  readonly documentId: string;
}

/**
 * Uploads one file through the real upload manager and waits until it is
 * `ready` (stored, fsynced, hashed, row updated). Throws unless the document
 * was stored with the expected checksum: a failed upload must never pass as a fast one.
 */
export async function uploadThroughVault(session: VaultSession, path: string, expectedSha256: string): Promise<UploadOutcome> {
  const start = performance.now();
  const { done } = await session.core.uploads.start(session.defaultFolderId, [{ kind: 'path', path }]);
  const [item] = await done;
  const ms = performance.now() - start;
  if (!item || item.state !== 'done' || !item.documentId) {
    throw new Error(`The vault upload did not finish: ${item?.state ?? 'no item'} ${item?.error?.message ?? ''}`);
  }
  const stored = session.core.documents.get(item.documentId);
  if (stored.sha256 !== expectedSha256) throw new Error(`The vault stored a different checksum: ${stored.sha256}`);
  return { ms, documentId: item.documentId };
}

/** Deletes the uploaded document (row and object) so the next trial starts from the same state. */
export async function removeUploaded(session: VaultSession, documentId: string): Promise<void> {
  await session.core.documents.delete([documentId]);
}
