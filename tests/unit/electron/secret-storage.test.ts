import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppKeyCipher } from '../../../src-main/core/credentials/app-key-cipher';
import { silentLogger } from '../../../src-main/core/ports';
import { SafeStorageCipher } from '../../../src-main/electron/safe-storage-cipher';
import { chooseSecretCipher } from '../../../src-main/electron/secret-cipher-choice';
import { app, resetElectronDouble, safeStorage } from '../../support/electron-double';

let dataDir: string;

beforeEach(async () => {
  resetElectronDouble();
  dataDir = await mkdtemp(join(tmpdir(), 'docuvault-cipher-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the safeStorage cipher', () => {
  it('is the OS keychain, through the async API where Electron has it', async () => {
    app.fireReady();
    const cipher = await chooseSecretCipher({ dataDir, logger: silentLogger, platform: 'darwin' });
    expect(cipher).toBeInstanceOf(SafeStorageCipher);
    expect(cipher.protection).toBe('os-keychain');
    const sealed = await cipher.encrypt('{"refreshToken":"r1"}');
    expect(sealed.toString('utf8')).not.toContain('r1');
    expect(await cipher.decrypt(sealed)).toBe('{"refreshToken":"r1"}');
    expect(safeStorage.calls).toEqual(['isAsyncEncryptionAvailable', 'encryptStringAsync', 'decryptStringAsync']);
  });

  it('uses the synchronous API on an Electron without the async one, under the same cipher id', async () => {
    app.fireReady();
    const asyncCipher = await chooseSecretCipher({ dataDir, logger: silentLogger, platform: 'win32' });
    const sealedAsync = await asyncCipher.encrypt('secret');
    safeStorage.withoutAsyncApi();
    safeStorage.calls.length = 0;
    const cipher = await chooseSecretCipher({ dataDir, logger: silentLogger, platform: 'win32' });
    expect(cipher.id).toBe(asyncCipher.id);
    expect(await cipher.decrypt(sealedAsync)).toBe('secret');
    expect(safeStorage.calls).toEqual(['isEncryptionAvailable', 'decryptString']);
  });

  it('throws when the keyring changed, so the service can ask the person to reconnect', async () => {
    app.fireReady();
    const cipher = await chooseSecretCipher({ dataDir, logger: silentLogger, platform: 'linux' });
    const sealed = await cipher.encrypt('secret');
    safeStorage.changeKeyring();
    await expect(cipher.decrypt(sealed)).rejects.toThrow();
  });

  it('falls back to the app key (which asks consent) when encryption is unavailable', async () => {
    app.fireReady();
    safeStorage.available = false;
    const cipher = await chooseSecretCipher({ dataDir, logger: silentLogger, platform: 'linux' });
    expect(cipher).toBeInstanceOf(AppKeyCipher);
    expect(cipher.protection).toBe('app-key');
    expect((await stat(join(dataDir, 'credentials.key'))).mode & 0o777).toBe(0o600);
  });

  it('treats Linux basic_text (a hard-coded key) as unavailable', async () => {
    app.fireReady();
    safeStorage.backend = 'basic_text';
    expect(await chooseSecretCipher({ dataDir, logger: silentLogger, platform: 'linux' })).toBeInstanceOf(AppKeyCipher);
    // The backend name is Linux-only; elsewhere it is not consulted.
    expect(await chooseSecretCipher({ dataDir, logger: silentLogger, platform: 'darwin' })).toBeInstanceOf(SafeStorageCipher);
  });

  it('cannot be chosen before ready (the double refuses, as Electron answers wrongly there)', async () => {
    await expect(chooseSecretCipher({ dataDir, logger: silentLogger, platform: 'linux' })).rejects.toThrow(/before the app is ready/);
  });
});
