import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * A small preference file (window position and the like): read once at start,
 * written whole. The write goes to a temporary file renamed over the old one,
 * so a crash mid-write leaves the previous preferences, not a torn file; what
 * does not parse or match the schema reads as the fallback.
 *
 * Not electron-store: it registers an `ipcMain` listener outside the IPC
 * contract and its sender check, pulls ajv into the start-up bundle, and its
 * current major needs Node 22 while the tests run on Node 20.
 */
export class JsonFileStore<T> {
  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly fallback: T,
  ) {}

  read(): T {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return this.fallback;
    }
    const parsed = this.schema.safeParse(raw);
    return parsed.success ? parsed.data : this.fallback;
  }

  /** Synchronous so that a write from a `close` handler completes before the process exits. */
  write(value: T): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
