import { addAbortSignal, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashingCounter } from '../hashing-counter';
import type { PutRequest } from '../storage-backend';

/** The request's body, destroyed with an AbortError when its signal fires. */
export function abortableBody(request: PutRequest): Readable {
  return request.signal ? addAbortSignal(request.signal, request.body) : request.body;
}

/**
 * Reads a small body into one buffer of exactly its declared size, hashing as
 * it goes. Small uploads pay this (bounded by the buffered-upload limit) so
 * their PUT can be retried after a 503 or a reset, and so the checksum is
 * known before the request is sent.
 */
export async function bufferBody(request: PutRequest, body: Readable): Promise<{ data: Buffer; sha256: string }> {
  const counter = new HashingCounter(request.size, request.onProgress);
  const data = Buffer.allocUnsafe(request.size);
  let offset = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      // HashingCounter fails before more than `size` bytes get here.
      offset += chunk.copy(data, offset);
      callback();
    },
  });
  await pipeline(body, counter, sink);
  return { data, sha256: counter.sha256 };
}

/** The body passed through a HashingCounter, with the body's own errors forwarded. */
export function hashedBody(request: PutRequest, body: Readable): HashingCounter {
  const counter = new HashingCounter(request.size, request.onProgress);
  body.once('error', (error) => counter.destroy(error));
  body.pipe(counter);
  return counter;
}

/**
 * Cuts a stream into pieces of exactly `buffer.length` bytes (the last may be
 * shorter), reusing one buffer: memory stays at one chunk whatever the file
 * size. Each yielded view is only valid until the consumer asks for the next.
 */
export async function* fixedChunks(source: AsyncIterable<Buffer>, buffer: Buffer): AsyncGenerator<Buffer> {
  let filled = 0;
  for await (const piece of source) {
    let read = 0;
    while (read < piece.length) {
      const copied = piece.copy(buffer, filled, read);
      filled += copied;
      read += copied;
      if (filled === buffer.length) {
        yield buffer;
        filled = 0;
      }
    }
  }
  if (filled > 0) yield buffer.subarray(0, filled);
}
