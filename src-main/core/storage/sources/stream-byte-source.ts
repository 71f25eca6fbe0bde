import { addAbortSignal, pipeline } from 'node:stream';
import { HashingCounter } from '../hashing-counter';
import type { PutRequest } from '../storage-backend';
import type { ByteSource } from './byte-source';
import { ChunkReader } from './chunk-reader';

/**
 * A stream body (bytes dropped without a path, a cross-backend copy), counted
 * and hashed as it passes. It fails as soon as it delivers more than declared;
 * cancelling the request's signal fails it too.
 */
export class StreamByteSource implements ByteSource {
  readonly size: number;
  private readonly counter: HashingCounter;
  private readonly reader: ChunkReader;

  constructor(
    private readonly request: PutRequest,
    onBytes?: (piece: Buffer) => void,
  ) {
    this.size = request.size;
    this.counter = new HashingCounter(request.size, request.onProgress);
    if (request.signal) addAbortSignal(request.signal, request.body);
    // pipeline: a failing body fails the counter (and so the reader); an early exit destroys the body.
    this.reader = new ChunkReader(pipeline(request.body, this.counter, () => undefined), onBytes);
  }

  get sha256(): string {
    return this.counter.sha256;
  }

  fillSome(target: Buffer, from: number, until: number): Promise<number> {
    return this.reader.fillSome(target, from, until);
  }

  finish(): Promise<void> {
    return this.reader.finish();
  }

  async cancel(): Promise<void> {
    // The body first: a fill still waiting on a stalled body only ends once the body does.
    this.request.body.destroy();
    await this.reader.cancel();
  }
}
