import { Readable } from 'node:stream';
import { AppError } from '../../errors';
import type { ByteRange } from '../storage-backend';
import type { DavResponse } from './dav-transport';

/** "bytes 3-6/10" or "bytes 3-6/*" → {start: 3, end: 6}. */
export function parseContentRange(value: string | undefined): { start: number; end: number } | null {
  const match = /^\s*bytes\s+(\d+)-(\d+)\s*\/\s*(\d+|\*)\s*$/i.exec(value ?? '');
  if (!match) return null;
  return { start: Number(match[1]), end: Number(match[2]) };
}

/**
 * Gives the caller exactly the bytes of `range`, whatever the server did with
 * the Range header: a 206 for that range passes through; a 206 for a wider
 * range, or a 200 with the whole file (a server that ignores Range), is
 * skipped and cut here, and the rest of the download is abandoned.
 */
export function fitToRange(response: DavResponse, range: ByteRange): Readable {
  const length = range.end - range.start + 1;
  if (response.status !== 206) return window(response.body, range.start, length);
  const served = parseContentRange(response.headers['content-range']);
  if (!served) return window(response.body, 0, length);
  if (served.start > range.start) {
    response.body.destroy();
    throw new AppError('BACKEND_UNAVAILABLE', 'The storage server sent the wrong part of the document.');
  }
  if (served.start === range.start && served.end <= range.end) return response.body;
  return window(response.body, range.start - served.start, length);
}

function window(source: Readable, skip: number, length: number): Readable {
  async function* bytes(): AsyncGenerator<Buffer> {
    let toSkip = skip;
    let left = length;
    // Returning early from for-await destroys the source: the unwanted rest is never downloaded.
    for await (const chunk of source) {
      let piece = chunk as Buffer;
      if (toSkip > 0) {
        if (piece.length <= toSkip) {
          toSkip -= piece.length;
          continue;
        }
        piece = piece.subarray(toSkip);
        toSkip = 0;
      }
      if (piece.length > left) piece = piece.subarray(0, left);
      left -= piece.length;
      if (piece.length > 0) yield piece;
      if (left === 0) return;
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}
