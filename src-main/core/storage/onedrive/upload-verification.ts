import { AppError } from '../../errors';
import type { DriveItem } from './drive-item';

export class UploadNotKeptError extends AppError {
  constructor() {
    super('BACKEND_UNAVAILABLE', 'OneDrive did not keep the document as it was sent, so it was not stored. Try again.');
    this.name = 'UploadNotKeptError';
  }
}

/**
 * What OneDrive says it stored must be what was read: the exact size, and the
 * quickXorHash OneDrive reports equal to the one computed while streaming.
 * (OneDrive reports no SHA-256 for business drives and has stopped for
 * personal ones; quickXorHash is the hash both report.) Returns false when
 * the item carries no hash yet, so the caller can ask again.
 */
export function verifyUploadedItem(item: DriveItem, expected: { size: number; quickXorHash: string }): boolean {
  if (item.size !== expected.size) throw new UploadNotKeptError();
  const reported = item.file?.hashes?.quickXorHash;
  if (reported === undefined) return false;
  if (reported !== expected.quickXorHash) throw new UploadNotKeptError();
  return true;
}
