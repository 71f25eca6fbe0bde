import { OneDriveBackend } from '../../../src-main/core/storage/onedrive/onedrive-backend';
import { startMicrosoftFakeProcess } from '../../servers/microsoft-fake/microsoft-fake-process';
import { cloudFakeSubject } from './cloud-fake-subject';
import { describeBackendConformance } from './conformance';

describeBackendConformance(
  'OneDrive (Microsoft Graph fake)',
  async () => {
    // The fault proxy speaks plain HTTP, so it fronts the fake's HTTP listener; the fake advertises the
    // proxy in its upload and download URLs, so fragments and downloads can be broken too.
    // (TLS to the fake is covered by tests/integration/onedrive.)
    const fake = await startMicrosoftFakeProcess();
    return cloudFakeSubject(
      fake,
      fake.httpUrl,
      (proxyUrl) =>
        new OneDriveBackend({
          graphBaseUrl: `${proxyUrl}/v1.0`,
          accessToken: () => fake.accessToken,
          retry: { attempts: 4, baseDelayMs: 20 },
        }),
    );
  },
  // A 401 from Graph means the bearer token expired: the connections service refreshes once before deciding.
  { authFailureReason: 'token_expired' },
);
