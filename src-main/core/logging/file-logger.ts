import { systemClock, type Clock, type Logger, type LogLevel } from '../ports';
import { redact, redactText } from './redact';
import { RotatingLogFile } from './rotating-log-file';

export interface FileLoggerOptions {
  /** The app's logs folder (Electron: app.getPath('logs')). */
  readonly dir: string;
  readonly maxBytes?: number;
  readonly maxFiles?: number;
  readonly fileName?: string;
  readonly clock?: Clock;
}

export interface FileLogger extends Logger {
  /** The file being written now. */
  readonly file: string;
  close(): void;
}

/** A line that would be larger than this is cut: one runaway field must not push the history out of the files. */
const MAX_LINE_CHARS = 16 * 1024;

function serialise(record: Record<string, unknown>): string {
  const line = JSON.stringify(record);
  if (line.length <= MAX_LINE_CHARS) return line;
  return JSON.stringify({ ...record, fields: undefined, message: `${String(record['message']).slice(0, 1024)} [line cut: ${line.length} chars]` });
}

/**
 * The Logger port over a rotating JSON-lines file. Every message and field goes
 * through redact() first, so a secret that reaches a log call still never
 * reaches the disk. A logger never throws: a full disk must not break the app.
 */
export function createFileLogger({
  dir,
  maxBytes = 2 * 1024 * 1024,
  maxFiles = 5,
  fileName = 'docuvault.log',
  clock = systemClock,
}: FileLoggerOptions): FileLogger {
  const file = new RotatingLogFile({ dir, fileName, maxBytes, maxFiles });
  let failures = 0;
  return {
    file: file.path,
    log(level: LogLevel, message: string, fields?: Record<string, unknown>) {
      const record: Record<string, unknown> = { time: clock.now().toISOString(), level, message: redactText(message) };
      if (fields && Object.keys(fields).length > 0) record['fields'] = redact(fields);
      try {
        file.write(`${serialise(record)}\n`);
      } catch (error) {
        failures += 1;
        // Say it once on stderr, where a developer sees it; never loop on a broken disk.
        if (failures === 1) console.error(`[logger] could not write ${file.path}: ${(error as Error).message}`);
      }
    },
    close: () => file.close(),
  };
}
