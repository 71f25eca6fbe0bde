import type { Logger } from '../ports';
import { redact, redactText } from './redact';

/** Sends every entry to each logger (the file, and the console in development). */
export function teeLogger(...loggers: readonly Logger[]): Logger {
  return {
    log(level, message, fields) {
      for (const logger of loggers) logger.log(level, message, fields);
    },
  };
}

/** Wraps a logger that does not redact by itself (the console), so secrets stay out of it too. */
export function redactingLogger(inner: Logger): Logger {
  return {
    log(level, message, fields) {
      inner.log(level, redactText(message), fields ? (redact(fields) as Record<string, unknown>) : undefined);
    },
  };
}
