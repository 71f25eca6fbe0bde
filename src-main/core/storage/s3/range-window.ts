import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from '../../errors';
import type { ByteRange } from '../storage-backend';

/** Which bytes of a response body to hand on: skip `skip`, then pass `length`. */
export interface ByteWindow {
  readonly skip: number;
  readonly length: number;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

/**
 * HTTP lets a server answer a range request with more than was asked: the whole
 * object (200), or a different span (s3rver answers `bytes=0-0` with the whole
 * object as 206). This works out which bytes of the body were asked for, from
 * the status and Content-Range; null when the server sent exactly the range.
 */
export function windowForRange(response: { statusCode?: number; headers?: IncomingHttpHeaders }, range: ByteRange): ByteWindow | null {
  const wanted = range.end - range.start + 1;
  let sentStart = 0;
  let sentEnd: number | null = null;
  if (response.statusCode === 206) {
    const match = CONTENT_RANGE.exec(response.headers?.['content-range'] ?? '');
    if (!match) throw new AppError('BACKEND_UNAVAILABLE', 'The storage server sent a part of the document it did not describe.');
    sentStart = Number(match[1]);
    sentEnd = Number(match[2]);
  }
  if (sentStart > range.start) throw new AppError('BACKEND_UNAVAILABLE', 'The storage server sent a different part of the document than asked.');
  const skip = range.start - sentStart;
  if (skip === 0 && sentEnd !== null && sentEnd - sentStart + 1 <= wanted) return null;
  return { skip, length: wanted };
}
