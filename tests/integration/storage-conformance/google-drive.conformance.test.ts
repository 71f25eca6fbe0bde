import { CloudConnectionError, isCloudConnectionError } from '../../../src-main/core/storage/backend-errors';
import { driveEndpointsAt } from '../../../src-main/core/storage/google-drive/drive-backend-options';
import { GoogleDriveBackend } from '../../../src-main/core/storage/google-drive/google-drive-backend';
import type { StorageBackend } from '../../../src-main/core/storage/storage-backend';
import { startFaultProxy } from '../../servers/fault-proxy';
import { startGoogleFakeProcess } from '../../servers/google-fake/google-fake-process';
import { describeBackendConformance } from './conformance';

/**
 * The suite's 401 test expects reason 'unauthorized' (a refused password or
 * key). For Google a 401 means the bearer token expired or was revoked, so the
 * backend raises 'token_expired' and the connections service refreshes once
 * before deciding (tests/integration/google-drive/drive-errors.test.ts pins
 * that, with exactly one request). Until the suite takes the expected reason
 * as an option, this view relabels that one reason for the suite; everything
 * else — codes, request counts, retries — is the backend's own behaviour.
 */
function asSuiteExpectsAuthFailures(backend: StorageBackend): StorageBackend {
  return new Proxy(backend, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          if (isCloudConnectionError(error) && error.reason === 'token_expired') throw new CloudConnectionError('unauthorized', { cause: error });
          throw error;
        }
      };
    },
  });
}

describeBackendConformance('Google Drive (fake)', async () => {
  // The fake runs in its own process (its work and memory are not the backend's), behind the fault proxy;
  // it advertises the proxy in its session URIs, so every request — chunks included — can be broken.
  const fake = await startGoogleFakeProcess();
  const faults = await startFaultProxy(fake.url);
  await fake.advertise(faults.url);
  const backend = new GoogleDriveBackend({
    ...driveEndpointsAt(faults.url),
    accessToken: () => fake.accessToken,
    retry: { attempts: 4, baseDelayMs: 20 },
  });
  return {
    backend: asSuiteExpectsAuthFailures(backend),
    faults,
    async cleanup() {
      backend.close();
      await faults.close();
      await fake.close();
    },
  };
});
