import type { IncomingMessage } from 'node:http';
import { Readable, addAbortSignal } from 'node:stream';
import { AppError } from '../../errors';
import type { ByteRange } from '../storage-backend';

/** Which bytes of a response body the caller asked for. */
interface BodyWindow {
  readonly skip: number;
  readonly length: number;
}

export interface RangedBodyOptions {
  /** The service as a person knows it ("Google Drive", "OneDrive"), for the messages. */
  readonly serviceName: string;
  /** Maps a failure while the body streams (a lost connection) to the backend's own error. */
  readonly toAppError: (error: unknown) => AppError;
  readonly signal: AbortSignal | undefined;
}

/**
 * A download response (200 or 206) as the caller's stream of exactly the
 * range asked for. Throws at once when a 206 starts at the wrong byte.
 */
export function rangedBodyStream(res: IncomingMessage, range: ByteRange | undefined, options: RangedBodyOptions): Readable {
  const window = windowFor(res, range, options.serviceName);
  const out = Readable.from(windowed(res, window, options), { objectMode: false, highWaterMark: 1024 * 1024 });
  if (options.signal) addAbortSignal(options.signal, out);
  return out;
}

/**
 * Where the caller's range sits in a response: a 206 must start where asked;
 * a 200 (a server that ignored Range) is the whole document, so the range is
 * cut out of it while streaming.
 */
function windowFor(res: IncomingMessage, range: ByteRange | undefined, serviceName: string): BodyWindow | null {
  if (!range) return null;
  const length = range.end - range.start + 1;
  if (res.statusCode === 200) return { skip: range.start, length };
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers['content-range'] ?? '');
  if (!match || Number(match[1]) !== range.start) {
    res.destroy();
    throw new AppError('BACKEND_UNAVAILABLE', `${serviceName} answered with the wrong part of the document. Try again.`);
  }
  return { skip: 0, length: Math.min(length, Number(match[2]) - range.start + 1) };
}

/**
 * Only the window's bytes, errors typed (a connection lost mid-body is not
 * retried: bytes already reached the caller), and the response destroyed as
 * soon as the caller stops reading, the window is complete, or the signal aborts.
 */
async function* windowed(res: IncomingMessage, window: BodyWindow | null, options: RangedBodyOptions): AsyncGenerator<Buffer> {
  let skip = window?.skip ?? 0;
  let remaining = window?.length ?? Number.POSITIVE_INFINITY;
  let delivered = 0;
  const expected = window ? null : Number(res.headers['content-length'] ?? Number.NaN);
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      if (skip >= chunk.length) {
        skip -= chunk.length;
        continue;
      }
      const part = chunk.subarray(skip, skip + Math.min(remaining, chunk.length - skip));
      skip = 0;
      remaining -= part.length;
      delivered += part.length;
      if (part.length > 0) yield part;
      if (remaining === 0) return;
    }
  } catch (error) {
    throw options.toAppError(error);
  } finally {
    // Whatever ended the generator (done, the caller stopped, an error), the socket goes back or away.
    if (!res.complete) res.destroy();
  }
  // A body that ends early without an error (a proxy closing cleanly) must not pass for the whole document.
  if ((window && remaining > 0) || (expected !== null && Number.isFinite(expected) && delivered < expected)) {
    throw new AppError('BACKEND_UNAVAILABLE', `The download from ${options.serviceName} ended early. Try again; nothing was lost.`);
  }
}
