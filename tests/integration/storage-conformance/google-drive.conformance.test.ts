import { driveEndpointsAt } from '../../../src-main/core/storage/google-drive/drive-backend-options';
import { GoogleDriveBackend } from '../../../src-main/core/storage/google-drive/google-drive-backend';
import { startFaultProxy } from '../../servers/fault-proxy';
import { startGoogleFakeProcess } from '../../servers/google-fake/google-fake-process';
import { describeBackendConformance } from './conformance';

describeBackendConformance(
  'Google Drive (fake)',
  async () => {
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
      backend,
      faults,
      async cleanup() {
        backend.close();
        await faults.close();
        await fake.close();
      },
    };
  },
  // A 401 from Drive means the bearer token expired: the connections service refreshes once before deciding.
  { authFailureReason: 'token_expired' },
);
