import { PassThrough, addAbortSignal, type Readable } from 'node:stream';
import type { AppError } from '../../errors';

/**
 * Hands a response body to the caller with typed errors: a connection lost
 * mid-body surfaces as an AppError (never retried here: bytes already reached
 * the caller). When the caller stops reading early, the response is destroyed
 * so its socket is not left half-read.
 */
export function downloadStream(response: Readable, toAppError: (error: unknown) => AppError, signal?: AbortSignal): Readable {
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  response.once('error', (error) => out.destroy(toAppError(error)));
  out.once('close', () => {
    if (!response.readableEnded) response.destroy();
  });
  response.pipe(out);
  if (signal) addAbortSignal(signal, out);
  return out;
}
