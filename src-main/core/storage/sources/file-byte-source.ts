import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { SizeMismatchError } from '../hashing-counter';
import { SourceReadFailure, type FilePutRequest } from '../storage-backend';
import type { ByteSource } from './byte-source';

/** Largest single read: keeps hashing and sending interleaved, so a chunk's first bytes go out while the rest is read. */
const MAX_READ = 1024 * 1024;
/** Hashed per event-loop turn by digestPending: under a millisecond, so sockets are refilled in between. */
const DIGEST_SLICE = 1024 * 1024;

/**
 * A file on this machine read in place: positional reads straight into the
 * backend's buffer, so an upload allocates nothing per chunk (a stream would
 * hand over a fresh chunk for every read, garbage that piles up in RSS until
 * the next collection). A file that grows or shrinks while being read fails
 * the upload like a body of the wrong length; a read error is the source's
 * (SourceReadFailure), never the storage's.
 *
 * Bytes are hashed one step late: each read's bytes are hashed at the start
 * of the next call (before anything can overwrite them), or earlier through
 * `digestPending` while the caller's request is already sending them. SHA-256
 * costs about as much as a part's network send, so doing both at once instead
 * of one after the other is most of the gap to a client that does not hash.
 */
export class FileByteSource implements ByteSource {
  readonly size: number;
  private readonly file: FileHandle;
  private readonly hash = createHash('sha256');
  private position = 0;
  /** Views of the caller's buffers read but not yet hashed, in order. */
  private unhashed: Buffer[] = [];
  private digest: string | null = null;
  private cancelled = false;

  constructor(
    private readonly request: FilePutRequest,
    private readonly onBytes?: (piece: Buffer) => void,
  ) {
    this.file = request.file;
    this.size = request.size;
  }

  get sha256(): string {
    if (this.digest === null) throw new Error('FileByteSource has not finished');
    return this.digest;
  }

  async fillSome(target: Buffer, from: number, until: number): Promise<number> {
    this.request.signal?.throwIfAborted();
    // First: the read below may land where those bytes are.
    this.hashUnhashed();
    const wanted = Math.min(until - from, MAX_READ, this.size - this.position);
    if (this.cancelled || wanted <= 0) return from;
    const bytesRead = await this.readAt(target, from, wanted, this.position);
    if (bytesRead === 0) return from;
    this.unhashed.push(target.subarray(from, from + bytesRead));
    this.position += bytesRead;
    this.request.onProgress?.(this.position);
    return from + bytesRead;
  }

  async finish(): Promise<void> {
    this.request.signal?.throwIfAborted();
    this.hashUnhashed();
    if (this.position !== this.size) throw new SizeMismatchError();
    // One byte past the declared end: a file that grew while being read is refused like a longer body.
    if ((await this.readAt(Buffer.alloc(1), 0, 1, this.size)) > 0) throw new SizeMismatchError();
    this.digest ??= this.hash.digest('hex');
  }

  async digestPending(): Promise<void> {
    while (this.unhashed.length > 0) {
      const piece = this.unhashed[0]!;
      const slice = piece.subarray(0, DIGEST_SLICE);
      this.hashPiece(slice);
      if (slice.length === piece.length) this.unhashed.shift();
      else this.unhashed[0] = piece.subarray(slice.length);
      await nextTurn();
    }
  }

  async cancel(): Promise<void> {
    this.cancelled = true;
    this.unhashed = [];
  }

  private hashUnhashed(): void {
    for (const piece of this.unhashed) this.hashPiece(piece);
    this.unhashed = [];
  }

  private hashPiece(piece: Buffer): void {
    this.hash.update(piece);
    this.onBytes?.(piece);
  }

  private async readAt(target: Buffer, offset: number, length: number, position: number): Promise<number> {
    try {
      return (await this.file.read(target, offset, length, position)).bytesRead;
    } catch (error) {
      throw new SourceReadFailure(error);
    }
  }
}
