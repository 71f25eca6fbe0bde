import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import type { SecretCipher } from '../ports';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;

/**
 * AES-256-GCM with a random key kept in a file only this user can read (0600).
 * Used where no OS keychain is available (tests, the browser preview, Linux
 * without a secret service). It keeps secrets out of the database file and
 * backups of it, but anyone who can read the key file can read them: the app
 * labels it as weaker protection and asks before using it.
 */
export class AppKeyCipher implements SecretCipher {
  readonly id = 'app-key-aes-256-gcm';
  readonly protection = 'app-key' as const;

  private constructor(private readonly key: Buffer) {}

  static async open(keyFile: string): Promise<AppKeyCipher> {
    try {
      const key = await readFile(keyFile);
      if (key.length !== KEY_BYTES) throw new Error('credential key file has the wrong size');
      return new AppKeyCipher(key);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
      const key = randomBytes(KEY_BYTES);
      await writeFile(keyFile, key, { mode: 0o600, flag: 'wx' });
      await chmod(keyFile, 0o600);
      return new AppKeyCipher(key);
    }
  }

  async encrypt(plaintext: string): Promise<Buffer> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  async decrypt(ciphertext: Buffer): Promise<string> {
    if (ciphertext.length < 1 + IV_BYTES + TAG_BYTES || ciphertext[0] !== VERSION) throw new Error('unknown ciphertext format');
    const iv = ciphertext.subarray(1, 1 + IV_BYTES);
    const tag = ciphertext.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
