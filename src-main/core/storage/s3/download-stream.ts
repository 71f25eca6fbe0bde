import { Readable, addAbortSignal } from 'node:stream';
import type { AppError } from '../../errors';
import type { ByteWindow } from './range-window';

/**
 * Hands a response body to the caller:
 * - only the bytes of `window` (when the server sent more than was asked);
 * - errors typed: a connection lost mid-body surfaces as an AppError (never
 *   retried here: bytes already reached the caller);
 * - the response is destroyed as soon as the caller stops reading, the window is
 *   complete, or the signal aborts, so no socket is left half-read.
 */
export function downloadStream(
  response: Readable,
  options: { window: ByteWindow | null; toAppError: (error: unknown) => AppError; signal?: AbortSignal | undefined },
): Readable {
  const out = Readable.from(passWindow(response, options.window, options.toAppError), { objectMode: false, highWaterMark: 1024 * 1024 });
  if (options.signal) addAbortSignal(options.signal, out);
  return out;
}

async function* passWindow(response: Readable, window: ByteWindow | null, toAppError: (error: unknown) => AppError): AsyncGenerator<Buffer> {
  let skip = window?.skip ?? 0;
  let remaining = window?.length ?? Infinity;
  try {
    // Leaving this loop early (window complete, consumer gone) destroys the response.
    for await (const chunk of response as AsyncIterable<Buffer>) {
      if (skip >= chunk.length) {
        skip -= chunk.length;
        continue;
      }
      const part = chunk.subarray(skip, skip + Math.min(remaining, chunk.length - skip));
      skip = 0;
      remaining -= part.length;
      if (part.length > 0) yield part;
      if (remaining === 0) return;
    }
  } catch (error) {
    throw toAppError(error);
  }
}
