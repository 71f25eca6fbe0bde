import { createHash, randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** A stream of `total` pseudo-random bytes produced in chunks, never held in memory at once. */
export function generatedStream(total: number, chunkSize = 256 * 1024): { stream: Readable; digest: () => string } {
  const hash = createHash('sha256');
  let left = total;
  const block = randomBytes(chunkSize);
  let counter = 0;
  const stream = new Readable({
    read() {
      if (left === 0) {
        this.push(null);
        return;
      }
      const size = Math.min(chunkSize, left);
      const chunk = Buffer.from(block.subarray(0, size));
      chunk.writeUInt32LE(counter++ >>> 0, 0 % Math.max(1, size - 3));
      hash.update(chunk);
      left -= size;
      this.push(chunk);
    },
  });
  return { stream, digest: () => hash.digest('hex') };
}

/** A stream the test feeds by hand, to hold an upload open mid-way. */
export function manualStream(): PassThrough {
  return new PassThrough();
}
