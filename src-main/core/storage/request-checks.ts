import { AppError } from '../errors';
import { releaseRequest, type UploadRequest } from './sources/byte-source-for';
import type { ByteRange } from './storage-backend';

/** Refuses a size the service cannot store before any byte is read; the body is let go. */
export function refuseUnstorableSize(request: UploadRequest, maxBytes: number, message: string): void {
  const { size } = request;
  if (!Number.isSafeInteger(size) || size < 0 || size > maxBytes) {
    releaseRequest(request);
    throw new AppError('VALIDATION', message);
  }
}

/** A range the caller asked for must be whole, non-negative and in order. */
export function checkByteRange(range: ByteRange | undefined): void {
  if (range && !(Number.isSafeInteger(range.start) && Number.isSafeInteger(range.end) && range.start >= 0 && range.end >= range.start)) {
    throw new AppError('VALIDATION', 'The requested byte range is not valid.');
  }
}
