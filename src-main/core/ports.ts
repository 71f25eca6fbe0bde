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

/** How strongly stored secrets are protected, as people should be told. */
export type SecretProtection =
  /** The operating system's keychain (macOS Keychain, Windows DPAPI, libsecret/kwallet). */
  | 'os-keychain'
  /** A key in a file only this user can read: better than plaintext, weaker than a keychain. */
  | 'app-key';

/** Encrypts credentials. Electron: safeStorage; plain Node: AES-256-GCM with a key file. */
export interface SecretCipher {
  /** Stored beside each ciphertext so a later change of cipher is detected, not misread. */
  readonly id: string;
  readonly protection: SecretProtection;
  encrypt(plaintext: string): Promise<Buffer>;
  /** Throws when the ciphertext cannot be decrypted (keyring changed, tampered, other cipher). */
  decrypt(ciphertext: Buffer): Promise<string>;
}

/** Opens a URL in the person's default browser (OAuth, Login Flow v2). Never an embedded window. */
export interface BrowserLauncher {
  open(url: string): Promise<void>;
}
