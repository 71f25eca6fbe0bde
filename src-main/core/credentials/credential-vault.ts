import type { SecretCipher, SecretProtection } from '../ports';

/** Raised when stored credentials cannot be read back: the connection needs reconnecting. */
export class CredentialsUnreadableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('stored credentials could not be decrypted', options);
    this.name = 'CredentialsUnreadableError';
  }
}

interface Envelope {
  readonly v: 1;
  /** Binds the ciphertext to its row: a ciphertext copied to another connection fails to open. */
  readonly connectionId: string;
  readonly secret: unknown;
}

export interface SealedCredentials {
  readonly ciphertext: Buffer;
  readonly cipherId: string;
}

/**
 * Seals and opens connection credentials through a SecretCipher. Plaintext
 * secrets exist only in memory, only in main, only while a backend needs them.
 */
export class CredentialVault {
  constructor(private readonly cipher: SecretCipher) {}

  get protection(): SecretProtection {
    return this.cipher.protection;
  }

  async seal(connectionId: string, secret: unknown): Promise<SealedCredentials> {
    const envelope: Envelope = { v: 1, connectionId, secret };
    return { ciphertext: await this.cipher.encrypt(JSON.stringify(envelope)), cipherId: this.cipher.id };
  }

  async open<T>(connectionId: string, sealed: SealedCredentials): Promise<T> {
    if (sealed.cipherId !== this.cipher.id) throw new CredentialsUnreadableError();
    let envelope: Envelope;
    try {
      envelope = JSON.parse(await this.cipher.decrypt(sealed.ciphertext)) as Envelope;
    } catch (error) {
      throw new CredentialsUnreadableError({ cause: error });
    }
    if (envelope?.v !== 1 || envelope.connectionId !== connectionId) throw new CredentialsUnreadableError();
    return envelope.secret as T;
  }
}
