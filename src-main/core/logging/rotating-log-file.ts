import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface RotatingLogFileOptions {
  readonly dir: string;
  /** e.g. `docuvault.log`; older files are `docuvault.1.log`, `docuvault.2.log`… */
  readonly fileName: string;
  /** A file is rotated before a line would take it past this size. */
  readonly maxBytes: number;
  /** How many files are kept in all, the current one included. */
  readonly maxFiles: number;
}

/**
 * An append-only file that rotates by size. Writes are synchronous on purpose:
 * the lines before a crash are the ones that matter, and the app logs little.
 */
export class RotatingLogFile {
  readonly path: string;
  private fd: number | null = null;
  private size = 0;

  constructor(private readonly options: RotatingLogFileOptions) {
    if (options.maxBytes < 1024) throw new RangeError('maxBytes must be at least 1 KiB');
    if (!Number.isInteger(options.maxFiles) || options.maxFiles < 1) throw new RangeError('maxFiles must be a positive integer');
    this.path = join(options.dir, options.fileName);
  }

  /** The path of the n-th older file (1 = the most recent rotated one). */
  rotatedPath(n: number): string {
    const extension = extname(this.options.fileName);
    const stem = this.options.fileName.slice(0, this.options.fileName.length - extension.length);
    return join(this.options.dir, `${stem}.${n}${extension}`);
  }

  write(line: string): void {
    const bytes = Buffer.from(line, 'utf8');
    const fd = this.open();
    if (this.size > 0 && this.size + bytes.byteLength > this.options.maxBytes) {
      this.rotate();
      return this.write(line);
    }
    writeSync(fd, bytes);
    this.size += bytes.byteLength;
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  private open(): number {
    if (this.fd !== null) return this.fd;
    mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
    // 0600: even redacted logs name the person's files and servers.
    this.fd = openSync(this.path, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
    return this.fd;
  }

  private rotate(): void {
    this.close();
    const { maxFiles } = this.options;
    if (maxFiles === 1) {
      rmSync(this.path, { force: true });
      return;
    }
    rmSync(this.rotatedPath(maxFiles - 1), { force: true });
    for (let n = maxFiles - 2; n >= 1; n--) renameIfPresent(this.rotatedPath(n), this.rotatedPath(n + 1));
    renameIfPresent(this.path, this.rotatedPath(1));
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
