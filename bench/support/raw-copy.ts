import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { runCommand } from './run-command';

/** The raw clients the vault is compared with: coreutils `cp`, with and without `sync FILE`. */

// On a copy-on-write filesystem (btrfs, XFS with reflink) `cp` would clone
// extents without moving a byte, which no upload that hashes its input can match.
const CP_ARGS = process.platform === 'linux' ? ['--reflink=never'] : [];

/** `cp src dst`: the bytes reach the page cache; the kernel writes them back later. */
export async function timePlainCopy(source: string, destination: string): Promise<number> {
  const start = performance.now();
  await runCommand('cp', [...CP_ARGS, '--', source, destination]);
  return performance.now() - start;
}

/**
 * `cp src dst && sync dst`: the copy is on disk when it returns, the same promise the
 * vault makes (it fsyncs its object before the document becomes `ready`).
 * `sync FILE` fsyncs just that file (coreutils ≥ 8.24).
 */
export async function timeDurableCopy(source: string, destination: string): Promise<number> {
  const start = performance.now();
  await runCommand('cp', [...CP_ARGS, '--', source, destination]);
  await runCommand('sync', ['--', destination]);
  return performance.now() - start;
}

/**
 * Writes back every dirty page in the system, so each trial starts with a quiet
 * disk instead of paying for the previous trial's write-back.
 */
export function flushDirtyPages(): void {
  spawnSync('sync', { stdio: 'ignore' });
}
