import type { Readable } from 'node:stream';
import { SizeMismatchError } from '../hashing-counter';

/**
 * Pulls a stream into one caller-owned buffer at a time, so an upload holds
 * exactly one chunk in memory whatever the file size. Bytes past the chunk
 * boundary in a source piece wait (as a view, not a copy) for the next fill.
 * Each piece is shown to `onBytes` once, in stream order, as it is read (for
 * hashes that must see every byte exactly once, even when a chunk is sent again).
 */
export class ChunkReader {
  private readonly source: AsyncIterator<Buffer>;
  private leftover: Buffer | null = null;
  private ended = false;

  constructor(
    stream: Readable,
    private readonly onBytes?: (piece: Buffer) => void,
  ) {
    this.source = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  /**
   * Copies the next piece of the stream (at most up to `until`) into `target`
   * at `from`; returns the new fill position, equal to `from` once the stream ended.
   */
  async fillSome(target: Buffer, from: number, until: number): Promise<number> {
    let piece = this.leftover;
    this.leftover = null;
    if (!piece) {
      if (this.ended) return from;
      const next = await this.source.next();
      if (next.done) {
        this.ended = true;
        return from;
      }
      piece = next.value;
    }
    const take = Math.min(piece.length, until - from);
    piece.copy(target, from, 0, take);
    this.onBytes?.(piece.subarray(0, take));
    if (take < piece.length) this.leftover = piece.subarray(take);
    return from + take;
  }

  /** Confirms the stream holds nothing more (and lets its end-of-stream checks run). */
  async finish(): Promise<void> {
    if (this.leftover && this.leftover.length > 0) throw new SizeMismatchError();
    while (!this.ended) {
      const next = await this.source.next();
      if (next.done) {
        this.ended = true;
      } else if (next.value.length > 0) {
        throw new SizeMismatchError();
      }
    }
  }

  /** Stops reading early; the source is destroyed. */
  async cancel(): Promise<void> {
    this.leftover = null;
    if (!this.ended) {
      this.ended = true;
      await this.source.return?.().catch(() => undefined);
    }
  }
}
