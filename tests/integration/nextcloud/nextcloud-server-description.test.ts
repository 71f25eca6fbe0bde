import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextcloudBackend } from '../../../src-main/core/storage/nextcloud/nextcloud-backend';
import { startNextcloudFake, type NextcloudFake } from '../../servers/nextcloud-fake';
import { hint, putText } from '../webdav/dav-test-helpers';

describe('Nextcloud capabilities and quota for Settings', () => {
  let fake: NextcloudFake;
  let backend: NextcloudBackend;

  beforeAll(async () => {
    fake = await startNextcloudFake({ version: '31.0.2' });
    backend = new NextcloudBackend({ serverUrl: fake.url, loginName: fake.loginName }, { appPassword: fake.password });
    await putText(backend, 'x'.repeat(1000), hint('thousand.txt'));
  });
  afterAll(async () => {
    backend.close();
    await fake.close();
  });

  it('describes an account without a quota: version from capabilities, free and total unknown', async () => {
    const description = await backend.describeServer();
    expect(description).toEqual({
      productName: 'Nextcloud',
      version: '31.0.2',
      quota: { usedBytes: 1000, freeBytes: null, totalBytes: null },
    });
    const capabilities = (await fake.requests()).find((request) => request.path.startsWith('/ocs/v2.php/cloud/capabilities'));
    expect(capabilities?.headers['ocs-apirequest']).toBe('true');
    expect((await backend.healthCheck()).freeBytes).toBeNull();
  });

  it('describes an account with a quota, and the health check reports the free bytes', async () => {
    await fake.setQuota(1_000_000);
    try {
      const { quota } = await backend.describeServer();
      expect(quota).toEqual({ usedBytes: 1000, freeBytes: 999_000, totalBytes: 1_000_000 });
      expect(await backend.healthCheck()).toMatchObject({ ok: true, freeBytes: 999_000 });
    } finally {
      await fake.setQuota(null);
    }
  });
});
