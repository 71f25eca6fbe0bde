import type { FileHandle } from 'node:fs/promises';
import { sharedBuffer, type BackgroundSha256 } from './background-sha256';
import { SizeMismatchError } from './hashing-counter';
import { SourceReadFailure } from './storage-backend';

const CHUNK = 1024 * 1024;
/**
 * Buffers in turn: while the worker hashes one, the I/O pool reads ahead into
 * others and writes the ones already read. With two, the hash waited whenever
 * a write stalled on the disk; four absorb those stalls.
 */
const DEPTH = 4;
/** Start the kernel's write-back this often, so the final flush has little left to do. */
const WRITE_BACK_EVERY = 32 * 1024 * 1024;

export interface HashedCopyOptions {
  /** The size the copy must have: a file that grows or shrinks while read fails with SizeMismatchError. */
  readonly size: number;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((bytes: number) => void) | undefined;
  /** Where the SHA-256 is computed. */
  readonly hasher: BackgroundSha256;
}

/**
 * Copies `source` into `out` (both open), hashing SHA-256 on the way, and
 * flushes `out` to disk. Reads, writes and write-back run on the I/O pool and
 * the hash on a worker, all at once; this thread only schedules them, so the
 * copy takes about as long as its slowest stage (the hash) rather than their
 * sum, and the main process stays responsive. Memory: a few shared chunks,
 * reused; nothing is allocated per chunk. Read errors are the source's
 * (SourceReadFailure).
 */
export async function copyFileHashed(source: FileHandle, out: FileHandle, options: HashedCopyOptions): Promise<string> {
  const hash = options.hasher.begin();
  // `written`: the chunk in this slot is on disk and hashed, so the slot may be read into again.
  const slots = Array.from({ length: DEPTH }, () => ({ buffer: sharedBuffer(CHUNK), written: settled() }));
  const reads = new Map<number, Promise<number>>();
  let writeBack = settled();
  let issued = 0;
  const readAhead = () => {
    const index = issued++;
    const slot = slots[index % DEPTH]!;
    // A slot is read into again only once its previous chunk is on its way to disk.
    reads.set(index, handled(slot.written.then(() => readChunk(source, slot.buffer, index * CHUNK))));
  };
  try {
    for (let i = 0; i < DEPTH - 1; i++) readAhead();
    let position = 0;
    let sinceWriteBack = 0;
    for (let index = 0; ; index++) {
      options.signal?.throwIfAborted();
      readAhead();
      const bytesRead = await reads.get(index)!;
      reads.delete(index);
      if (position + bytesRead > options.size) throw new SizeMismatchError();
      if (bytesRead === 0) break;
      const slot = slots[index % DEPTH]!;
      slot.written = handled(Promise.all([writeFully(out, slot.buffer, bytesRead, position), hash.update(slot.buffer, bytesRead)]));
      position += bytesRead;
      sinceWriteBack += bytesRead;
      options.onProgress?.(position);
      if (sinceWriteBack >= WRITE_BACK_EVERY) {
        const written = slot.written;
        writeBack = handled(writeBack.then(() => written).then(() => out.datasync()));
        sinceWriteBack = 0;
      }
      if (bytesRead < CHUNK) break;
    }
    if (position !== options.size) throw new SizeMismatchError();
    await Promise.all([...slots.map((slot) => slot.written), writeBack]);
    await out.sync();
    return await hash.digest();
  } catch (error) {
    hash.abandon();
    throw error;
  } finally {
    // Nothing may still touch the buffers or the files once the caller closes them.
    await Promise.allSettled([...reads.values(), ...slots.map((slot) => slot.written), writeBack]);
  }
}

const settled = (): Promise<unknown> => Promise.resolve();

/** Each of these may fail while another is awaited: marked handled at once, and awaited where it matters. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Fills `buffer` from `position` up to the end of the file; fewer bytes only at the end. */
async function readChunk(source: FileHandle, buffer: Buffer, position: number): Promise<number> {
  let filled = 0;
  try {
    while (filled < buffer.length) {
      const { bytesRead } = await source.read(buffer, filled, buffer.length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
  } catch (error) {
    throw new SourceReadFailure(error);
  }
  return filled;
}

async function writeFully(out: FileHandle, buffer: Buffer, length: number, position: number): Promise<void> {
  for (let done = 0; done < length; ) {
    const { bytesWritten } = await out.write(buffer, done, length - done, position + done);
    done += bytesWritten;
  }
}
