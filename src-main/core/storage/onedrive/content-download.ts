import type { IncomingMessage } from 'node:http';
import { Readable, addAbortSignal } from 'node:stream';
import { AppError } from '../../errors';
import { ObjectNotFoundError, type ByteRange } from '../storage-backend';
import type { GraphApi } from './graph-api';
import { graphErrorFrom } from './graph-errors';
import { discard } from './graph-transport';

/** A download URL that stopped working (they are short-lived): ask `/content` for a fresh one. */
const EXPIRED_LINK_STATUSES = new Set([401, 403, 404, 410]);

/**
 * Opens an item's bytes: `GET /content` with the bearer token answers 302 to
 * a short-lived pre-authenticated URL on another host, which is fetched
 * WITHOUT the token (the token is for Graph only) and with the Range. A link
 * that expired between the two steps is asked for again, once.
 */
export async function openContent(
  api: GraphApi,
  itemId: string,
  range: ByteRange | undefined,
  signal: AbortSignal | undefined,
): Promise<IncomingMessage> {
  for (let round = 1; ; round++) {
    const location = await api.contentLocation(itemId, signal);
    if (!location) throw new ObjectNotFoundError();
    const res = await api.openDownload(location, range, signal);
    const status = res.statusCode ?? 0;
    if (status === 200 || status === 206) return res;
    if (status === 416) {
      discard(res);
      throw new AppError('VALIDATION', 'The requested byte range lies outside the document.');
    }
    if (round === 1 && EXPIRED_LINK_STATUSES.has(status)) {
      discard(res);
      continue;
    }
    throw await graphErrorFrom(res);
  }
}

/** Which bytes of a response body the caller asked for. */
interface BodyWindow {
  readonly skip: number;
  readonly length: number;
}

/**
 * Where the caller's range sits in a response: a 206 must start where asked;
 * a 200 (a server that ignored Range) is the whole item, so the range is cut
 * out of it while streaming.
 */
export function windowFor(res: IncomingMessage, range: ByteRange | undefined): BodyWindow | null {
  if (!range) return null;
  const length = range.end - range.start + 1;
  if (res.statusCode === 200) return { skip: range.start, length };
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers['content-range'] ?? '');
  if (!match || Number(match[1]) !== range.start) {
    res.destroy();
    throw new AppError('BACKEND_UNAVAILABLE', 'OneDrive answered with the wrong part of the document. Try again.');
  }
  return { skip: 0, length: Math.min(length, Number(match[2]) - range.start + 1) };
}

/**
 * The response body as the caller's stream: only the window's bytes, errors
 * typed (a connection lost mid-body is not retried: bytes already reached the
 * caller), and the response destroyed as soon as the caller stops reading,
 * the window is complete, or the signal aborts.
 */
export function bodyStream(
  res: IncomingMessage,
  window: BodyWindow | null,
  toAppError: (error: unknown) => AppError,
  signal: AbortSignal | undefined,
): Readable {
  const out = Readable.from(windowed(res, window, toAppError), { objectMode: false, highWaterMark: 1024 * 1024 });
  if (signal) addAbortSignal(signal, out);
  return out;
}

async function* windowed(res: IncomingMessage, window: BodyWindow | null, toAppError: (error: unknown) => AppError): AsyncGenerator<Buffer> {
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
    throw toAppError(error);
  } finally {
    // Whatever ended the generator (done, the caller stopped, an error), the socket goes back or away.
    if (!res.complete) res.destroy();
  }
  // A body that ends early without an error (a proxy closing cleanly) must not pass for the whole document.
  if ((window && remaining > 0) || (expected !== null && Number.isFinite(expected) && delivered < expected)) {
    throw new AppError('BACKEND_UNAVAILABLE', 'The download from OneDrive ended early. Try again; nothing was lost.');
  }
}
