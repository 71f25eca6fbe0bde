import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../errors';

export class SizeMismatchError extends AppError {
  constructor() {
    super('CONFLICT', 'The file changed while it was being stored. Try again once it is no longer being written to.');
    this.name = 'SizeMismatchError';
  }
}

/**
 * Passes bytes through while computing SHA-256 and counting them.
 * Fails as soon as more bytes arrive than declared, and at the end if fewer did,
 * so a file that changes size while being read can never be stored as "ready".
 */
export class HashingCounter extends Transform {
  private readonly hash = createHash('sha256');
  private count = 0;
  private digestHex: string | null = null;

  constructor(
    private readonly expectedSize: number,
    private readonly onProgress?: (bytes: number) => void,
  ) {
    super();
  }

  get bytes(): number {
    return this.count;
  }

  /** Available once the stream has ended successfully. */
  get sha256(): string {
    if (this.digestHex === null) throw new Error('HashingCounter has not finished');
    return this.digestHex;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.expectedSize) {
      callback(new SizeMismatchError());
      return;
    }
    this.hash.update(chunk);
    this.onProgress?.(this.count);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.count !== this.expectedSize) {
      callback(new SizeMismatchError());
      return;
    }
    this.digestHex = this.hash.digest('hex');
    callback();
  }
}
