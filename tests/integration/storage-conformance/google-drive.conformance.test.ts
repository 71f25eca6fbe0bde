import { driveEndpointsAt } from '../../../src-main/core/storage/google-drive/drive-backend-options';
import { GoogleDriveBackend } from '../../../src-main/core/storage/google-drive/google-drive-backend';
import { startGoogleFakeProcess } from '../../servers/google-fake/google-fake-process';
import { cloudFakeSubject } from './cloud-fake-subject';
import { describeBackendConformance } from './conformance';

describeBackendConformance(
  'Google Drive (fake)',
  async () => {
    // Behind the fault proxy, which the fake advertises in its session URIs: chunks can be broken too.
    const fake = await startGoogleFakeProcess();
    return cloudFakeSubject(
      fake,
      fake.url,
      (proxyUrl) =>
        new GoogleDriveBackend({
          ...driveEndpointsAt(proxyUrl),
          accessToken: () => fake.accessToken,
          retry: { attempts: 4, baseDelayMs: 20 },
        }),
    );
  },
  // A 401 from Drive means the bearer token expired: the connections service refreshes once before deciding.
  { authFailureReason: 'token_expired' },
);
