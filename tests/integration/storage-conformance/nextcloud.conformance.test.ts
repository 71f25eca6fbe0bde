import { NextcloudBackend } from '../../../src-main/core/storage/nextcloud/nextcloud-backend';
import { startFaultProxy } from '../../servers/fault-proxy';
import { startNextcloudFake } from '../../servers/nextcloud-fake';
import { describeBackendConformance } from './conformance';

// The 48 MiB file of the suite is above the 10 MiB threshold, so it goes through chunked upload v2.
describeBackendConformance('Nextcloud (fake)', async () => {
  const fake = await startNextcloudFake();
  const faults = await startFaultProxy(fake.url);
  const backend = new NextcloudBackend(
    { serverUrl: faults.url, loginName: fake.loginName },
    { appPassword: fake.password },
    // Fast, deterministic back-off; the 429 test still waits the server's Retry-After.
    { retry: { baseDelayMs: 10, maxDelayMs: 200, random: () => 1 } },
  );
  return {
    backend,
    faults,
    async cleanup() {
      backend.close();
      await faults.close();
      await fake.close();
    },
  };
});
