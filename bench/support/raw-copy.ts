import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** The raw clients the vault is compared with: coreutils `cp`, with and without `sync FILE`. */

const running = new Set<ChildProcess>();

/** Stops any copy still running (Ctrl-C while a trial runs). */
export function killRunningCopies(): void {
  for (const child of running) child.kill('SIGKILL');
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(child);
    let stderr = '';
    child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
    child.once('error', (error) => {
      running.delete(child);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code}): ${stderr.trim()}`));
    });
  });
}

// On a copy-on-write filesystem (btrfs, XFS with reflink) `cp` would clone
// extents without moving a byte, which no upload that hashes its input can match.
const CP_ARGS = process.platform === 'linux' ? ['--reflink=never'] : [];

/** `cp src dst`: the bytes reach the page cache; the kernel writes them back later. */
export async function timePlainCopy(source: string, destination: string): Promise<number> {
  const start = performance.now();
  await run('cp', [...CP_ARGS, '--', source, destination]);
  return performance.now() - start;
}

/**
 * `cp src dst && sync dst`: the copy is on disk when it returns, the same promise the
 * vault makes (it fsyncs its object before the document becomes `ready`).
 * `sync FILE` fsyncs just that file (coreutils ≥ 8.24).
 */
export async function timeDurableCopy(source: string, destination: string): Promise<number> {
  const start = performance.now();
  await run('cp', [...CP_ARGS, '--', source, destination]);
  await run('sync', ['--', destination]);
  return performance.now() - start;
}

/**
 * Writes back every dirty page in the system, so each trial starts with a quiet
 * disk instead of paying for the previous trial's write-back.
 */
export function flushDirtyPages(): void {
  spawnSync('sync', { stdio: 'ignore' });
}
