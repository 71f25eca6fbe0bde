import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/ports';

/**
 * The parts of safeStorage we use. The async functions are optional: older
 * Electron versions lack them, and then the synchronous ones are used.
 */
export interface SafeStorageApi {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend(): string;
  isAsyncEncryptionAvailable?: () => Promise<boolean>;
  encryptStringAsync?: (plainText: string) => Promise<Buffer>;
  decryptStringAsync?: (encrypted: Buffer) => Promise<{ shouldReEncrypt: boolean; result: string }>;
}

export type SafeStorageVerdict =
  | { readonly usable: true; readonly cipher: SafeStorageCipher }
  | { readonly usable: false; readonly reason: 'unavailable' | 'basic-text' };

/**
 * Credentials encrypted by the operating system's keychain through Electron's
 * safeStorage: the only file that touches it. Create it only after `ready`.
 */
export class SafeStorageCipher implements SecretCipher {
  // One id for both APIs: decryptStringAsync reads what encryptString wrote, so
  // a switch between them must not make stored credentials look foreign.
  readonly id = 'electron-safe-storage';
  readonly protection = 'os-keychain' as const;

  private constructor(
    private readonly api: SafeStorageApi,
    readonly usesAsyncApi: boolean,
  ) {}

  /**
   * A cipher when the keychain really encrypts. Linux's `basic_text` backend
   * encrypts with a key hard-coded in Chromium, which is obfuscation: it counts
   * as unavailable, so the app asks before using its weaker app-key fallback.
   */
  static async probe(platform: NodeJS.Platform = process.platform, api: SafeStorageApi = safeStorage): Promise<SafeStorageVerdict> {
    const usesAsyncApi =
      typeof api.isAsyncEncryptionAvailable === 'function' &&
      typeof api.encryptStringAsync === 'function' &&
      typeof api.decryptStringAsync === 'function';
    const available = usesAsyncApi ? await api.isAsyncEncryptionAvailable!() : api.isEncryptionAvailable();
    if (!available) return { usable: false, reason: 'unavailable' };
    if (platform === 'linux' && api.getSelectedStorageBackend() === 'basic_text') return { usable: false, reason: 'basic-text' };
    return { usable: true, cipher: new SafeStorageCipher(api, usesAsyncApi) };
  }

  async encrypt(plaintext: string): Promise<Buffer> {
    return this.usesAsyncApi ? this.api.encryptStringAsync!(plaintext) : this.api.encryptString(plaintext);
  }

  /** Throws when the keyring can no longer open it; the connections service turns that into "reconnect". */
  async decrypt(ciphertext: Buffer): Promise<string> {
    if (!this.usesAsyncApi) return this.api.decryptString(ciphertext);
    // shouldReEncrypt (a rotated key) is not acted on: the SecretCipher port has no
    // way to say so, and the old ciphertext keeps decrypting until the next save.
    const { result } = await this.api.decryptStringAsync!(ciphertext);
    return result;
  }
}
