import { AppError } from '../../errors';
import { parseDriveSize, type DriveFile } from './drive-file';

export class UploadNotKeptError extends AppError {
  constructor() {
    super('BACKEND_UNAVAILABLE', 'Google Drive did not keep the document as it was sent, so it was not stored. Try again.');
    this.name = 'UploadNotKeptError';
  }
}

/**
 * What Drive says it stored must be what was read: the exact size, and the
 * SHA-256 Drive reports for binary content equal to ours. (Drive also reports
 * MD5, but computing it too would cost more than the SHA-256 itself — about
 * 3× slower where the CPU hashes SHA-256 in hardware — for no extra assurance.
 * Should Drive ever omit `sha256Checksum`, the size is all that is checked
 * and our digest still goes on the file and the document row.)
 */
export function verifyUploadedFile(file: DriveFile, expected: { size: number; sha256: string }): void {
  const sizeMatches = parseDriveSize(file.size) === expected.size;
  const sha256Matches = file.sha256Checksum === undefined || file.sha256Checksum.toLowerCase() === expected.sha256;
  if (!sizeMatches || !sha256Matches) throw new UploadNotKeptError();
}
