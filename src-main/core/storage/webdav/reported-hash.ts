import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from '../../errors';

/**
 * Checks the SHA-256 a server reports for what it stored against the one
 * computed while sending. Nextcloud (19 and later) answers uploads and the
 * final MOVE of a chunked upload with X-Hash-SHA256; OC-Checksum, by
 * contrast, is only stored, never verified. Servers that report nothing are
 * not checked (the size still is).
 */
export function checkReportedSha256(headers: IncomingHttpHeaders, sha256: string): void {
  const header = headers['x-hash-sha256'];
  const reported = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase();
  if (reported && reported !== sha256) {
    throw new AppError('BACKEND_UNAVAILABLE', 'The storage server received different bytes than DocuVault sent. Nothing was kept; try again.');
  }
}
