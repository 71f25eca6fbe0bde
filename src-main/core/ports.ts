/**
 * What the core needs from the platform, as small interfaces. Electron
 * implementations live in src-main/electron; plain-Node ones (tests, the
 * browser preview) live beside the code that uses them.
 */

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { log: () => undefined };

export const consoleLogger: Logger = {
  log(level, message, fields) {
    const line = fields ? `${message} ${JSON.stringify(fields)}` : message;
    (level === 'error' ? console.error : level === 'warn' ? console.warn : console.log)(`[${level}] ${line}`);
  },
};

/** Where the app keeps its files. In Electron, app.getPath('userData'). */
export interface AppPaths {
  readonly dataDir: string;
}

/** Native dialogs run in main; the renderer never names a filesystem path. */
export interface FileDialogs {
  /** Paths the person picked, or [] when they cancelled. */
  chooseFilesToUpload(): Promise<string[]>;
  /** The path to save to, or null when they cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
}
