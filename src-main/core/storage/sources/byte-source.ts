import { SizeMismatchError } from '../hashing-counter';

/**
 * The bytes of one upload, pulled into buffers the backend owns, counted and
 * hashed (SHA-256) exactly once each, in order. Backends read a stream body and
 * a file on this machine the same way, so each has one upload path for both.
 *
 * Filled bytes must stay as they are until the next call to the source: a
 * source may hash them late (see `digestPending`).
 */
export interface ByteSource {
  /** The size the upload declared; a source that delivers more or fewer fails. */
  readonly size: number;
  /**
   * Copies the next bytes (at most `until - from`) into `target` at `from`;
   * returns the new fill position, equal to `from` once the source has ended.
   */
  fillSome(target: Buffer, from: number, until: number): Promise<number>;
  /** Confirms nothing follows the declared size; afterwards `sha256` is known. */
  finish(): Promise<void>;
  /** Stops reading early (the upload failed); never throws. */
  cancel(): Promise<void>;
  /** Hex SHA-256 of every byte read; only after `finish` succeeded. */
  readonly sha256: string;
  /**
   * Hashes bytes already read but not yet hashed, a slice at a time with the
   * event loop free in between, so a request started on those bytes keeps
   * sending meanwhile. Optional to call (the next `fillSome` or `finish` hashes
   * what is left at once); absent where bytes are hashed as they are read.
   */
  digestPending?(): Promise<void>;
}

/** Fills `target` completely; a source that ends first is a file that shrank (SizeMismatchError). */
export async function fillFully(source: ByteSource, target: Buffer): Promise<Buffer> {
  for (let filled = 0; filled < target.length; ) {
    const next = await source.fillSome(target, filled, target.length);
    if (next === filled) throw new SizeMismatchError();
    filled = next;
  }
  return target;
}
