import { addAbortSignal, pipeline } from 'node:stream';
import { AppError } from '../../errors';
import { HashingCounter } from '../hashing-counter';
import type { ByteRange, PutRequest } from '../storage-backend';
import { ChunkReader } from './chunk-reader';

/** Refuses a size the service cannot store before any byte is read; the body is let go. */
export function refuseUnstorableSize(request: PutRequest, maxBytes: number, message: string): void {
  const { size } = request;
  if (!Number.isSafeInteger(size) || size < 0 || size > maxBytes) {
    request.body.destroy();
    throw new AppError('VALIDATION', message);
  }
}

/**
 * The upload's body as one chunk reader, counted and hashed (SHA-256) on the
 * way; `onBytes` sees every byte once more (a service's own hash). Cancelling
 * the request's signal fails the body.
 */
export function countedChunkReader(request: PutRequest, onBytes?: (piece: Buffer) => void): { counter: HashingCounter; reader: ChunkReader } {
  const counter = new HashingCounter(request.size, request.onProgress);
  if (request.signal) addAbortSignal(request.signal, request.body);
  // pipeline: a failing body fails the counter (and so the reader); an early exit destroys the body.
  const reader = new ChunkReader(pipeline(request.body, counter, () => undefined), onBytes);
  return { counter, reader };
}

/** A range the caller asked for must be whole, non-negative and in order. */
export function checkByteRange(range: ByteRange | undefined): void {
  if (range && !(Number.isSafeInteger(range.start) && Number.isSafeInteger(range.end) && range.start >= 0 && range.end >= range.start)) {
    throw new AppError('VALIDATION', 'The requested byte range is not valid.');
  }
}
