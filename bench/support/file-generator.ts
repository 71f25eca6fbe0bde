import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { MiB } from './stats';

/**
 * Writes `totalBytes` of incompressible-looking data: one random 1 MiB block,
 * repeated with the block number stamped into its first 8 bytes so no two
 * blocks are identical (nothing can be deduplicated or skipped as zeros).
 * Streams in 1 MiB writes, so memory stays flat. Returns the SHA-256 so the
 * vault's stored checksum can be verified.
 */
export async function writePatternFile(path: string, totalBytes: number): Promise<{ sha256: string }> {
  const block = randomBytes(MiB);
  const hash = createHash('sha256');
  const handle = await open(path, 'wx', 0o600);
  try {
    for (let offset = 0, index = 0n; offset < totalBytes; offset += MiB, index++) {
      block.writeBigUInt64LE(index, 0);
      const chunk = block.subarray(0, Math.min(MiB, totalBytes - offset));
      hash.update(chunk);
      await handle.write(chunk);
    }
    // On disk before any timing starts, so no trial pays for writing back the source.
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex') };
}

/** Reads the file once so every trial starts with the source in the page cache. */
export async function warmPageCache(path: string): Promise<void> {
  for await (const _chunk of createReadStream(path, { highWaterMark: MiB })) {
    /* discard: reading is the point */
  }
}
