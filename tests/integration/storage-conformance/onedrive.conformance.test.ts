import { OneDriveBackend } from '../../../src-main/core/storage/onedrive/onedrive-backend';
import { startFaultProxy } from '../../servers/fault-proxy';
import { startMicrosoftFakeProcess } from '../../servers/microsoft-fake/microsoft-fake-process';
import { describeBackendConformance } from './conformance';

describeBackendConformance(
  'OneDrive (Microsoft Graph fake)',
  async () => {
  // The fake runs in its own process (its work and memory are not the backend's). The fault proxy speaks
  // plain HTTP, so it fronts the fake's HTTP listener; the fake advertises the proxy in its upload and
  // download URLs, so every request — fragments and downloads included — can be broken.
  // (TLS to the fake is covered by tests/integration/onedrive.)
  const fake = await startMicrosoftFakeProcess();
  const faults = await startFaultProxy(fake.httpUrl);
  await fake.advertise(faults.url);
  const backend = new OneDriveBackend({
    graphBaseUrl: `${faults.url}/v1.0`,
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
  // A 401 from Graph means the bearer token expired: the connections service refreshes once before deciding.
  { authFailureReason: 'token_expired' },
);
