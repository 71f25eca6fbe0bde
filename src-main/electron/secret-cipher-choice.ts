import { join } from 'node:path';
import { AppKeyCipher } from '../core/credentials/app-key-cipher';
import type { Logger, SecretCipher } from '../core/ports';
import { SafeStorageCipher, type SafeStorageApi } from './safe-storage-cipher';

export interface SecretCipherChoiceOptions {
  readonly dataDir: string;
  readonly logger: Logger;
  readonly platform?: NodeJS.Platform;
  readonly safeStorage?: SafeStorageApi;
}

/**
 * The OS keychain when it really encrypts, else the app-key cipher (a key file
 * only this user can read). With the latter the connections service asks the
 * person's consent before storing any secret, so nothing is weakened silently.
 * Call only after `ready`: safeStorage answers wrongly before it.
 */
export async function chooseSecretCipher({ dataDir, logger, platform, safeStorage }: SecretCipherChoiceOptions): Promise<SecretCipher> {
  const verdict = await SafeStorageCipher.probe(platform, safeStorage);
  if (verdict.usable) {
    logger.log('info', 'credentials are protected by the system keychain', { asyncApi: verdict.cipher.usesAsyncApi });
    return verdict.cipher;
  }
  logger.log('warn', 'the system keychain cannot protect credentials; using the app key file', { reason: verdict.reason });
  return AppKeyCipher.open(join(dataDir, 'credentials.key'));
}
