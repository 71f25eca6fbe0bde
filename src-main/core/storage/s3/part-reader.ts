import type { Readable } from 'node:stream';
import { SizeMismatchError } from '../hashing-counter';

/**
 * Reads a stream in parts of chosen sizes into a caller-owned buffer, so an
 * upload holds exactly one part in memory and can send that part again on a
 * retry. Chunks that straddle two parts are split; the remainder waits for the
 * next call.
 */
export class PartReader {
  private readonly chunks: AsyncIterator<Buffer>;
  private leftover: Buffer | null = null;

  constructor(source: Readable) {
    this.chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  /**
   * Fills `target` from the start; returns the filled view. It is shorter than
   * `target` only when the stream ended first (the source reports a short body
   * as an error of its own, so callers see that error instead).
   */
  async fill(target: Buffer): Promise<Buffer> {
    let filled = 0;
    while (filled < target.length) {
      const chunk = this.leftover ?? (await this.nextChunk());
      this.leftover = null;
      if (chunk === null) break;
      const take = Math.min(chunk.length, target.length - filled);
      chunk.copy(target, filled, 0, take);
      filled += take;
      if (take < chunk.length) this.leftover = chunk.subarray(take);
    }
    return target.subarray(0, filled);
  }

  /** Consumes the end of the stream, so the source's end-of-stream checks (exact size, digest) run. Fails if bytes remain. */
  async finish(): Promise<void> {
    const extra = this.leftover ?? (await this.nextChunk());
    this.leftover = null;
    if (extra !== null && extra.length > 0) throw new SizeMismatchError();
  }

  private async nextChunk(): Promise<Buffer | null> {
    for (;;) {
      const { value, done } = await this.chunks.next();
      if (done) return null;
      if (value.length > 0) return value;
    }
  }
}
