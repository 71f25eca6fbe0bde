import { mkdirSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { formatMiB } from './stats';

/**
 * A scratch directory for one run, removed at the end, on an error and on
 * Ctrl-C / SIGTERM: a 1 GiB source plus its copies must never be left behind.
 */
export class WorkDir {
  private readonly hooks: Array<() => void> = [];
  private removed = false;

  private constructor(readonly root: string) {}

  static create(parent: string): WorkDir {
    mkdirSync(parent, { recursive: true });
    const dir = new WorkDir(mkdtempSync(join(parent, 'vault-bench-')));
    process.once('exit', () => dir.cleanup());
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: removing ${dir.root}`);
        dir.cleanup();
        process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
      });
    }
    return dir;
  }

  path(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  /** Fails early, with a clear message, rather than filling the disk half way through. */
  requireFreeBytes(bytes: number): void {
    const info = statfsSync(this.root);
    const free = info.bavail * info.bsize;
    if (free < bytes) {
      throw new Error(`Not enough free space in ${this.root}: ${formatMiB(free)} free, ${formatMiB(bytes)} needed.`);
    }
  }

  /** Runs before the files go (stop child processes, close databases). */
  onCleanup(hook: () => void): void {
    this.hooks.push(hook);
  }

  cleanup(): void {
    if (this.removed) return;
    this.removed = true;
    for (const hook of this.hooks.splice(0).reverse()) {
      try {
        hook();
      } catch {
        /* best effort: the files still have to go */
      }
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}
