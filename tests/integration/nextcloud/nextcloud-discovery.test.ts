import { afterEach, describe, expect, it } from 'vitest';
import { NextcloudBackend } from '../../../src-main/core/storage/nextcloud/nextcloud-backend';
import { startNextcloudFake, type NextcloudFake, type NextcloudFakeOptions } from '../../servers/nextcloud-fake';
import { hint, putText, readText } from '../webdav/dav-test-helpers';

describe('Nextcloud user-id discovery', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function connect(options: NextcloudFakeOptions = {}, userId?: string): Promise<{ fake: NextcloudFake; backend: NextcloudBackend }> {
    const fake = await startNextcloudFake(options);
    const backend = new NextcloudBackend(
      { serverUrl: fake.url, loginName: fake.loginName, ...(userId ? { userId } : {}) },
      { appPassword: fake.password },
    );
    cleanups.push(async () => {
      backend.close();
      await fake.close();
    });
    return { fake, backend };
  }

  it('finds the user id through OCS (login "alice@example.com", user id "alice") and stores under files/alice/', async () => {
    const { fake, backend } = await connect();
    expect(await backend.userId()).toBe('alice');
    const { key } = await putText(backend, 'hello', hint('hello.txt', ['Inbox']));
    expect(key).toBe('DocuVault/Inbox/hello.txt');
    expect(await fake.files()).toContain('DocuVault/Inbox/hello.txt');

    const requests = await fake.requests();
    const ocs = requests.find((request) => request.path.startsWith('/ocs/v2.php/cloud/user'));
    expect(ocs?.headers['ocs-apirequest']).toBe('true');
    const davPaths = requests.filter((request) => request.path.startsWith('/remote.php/dav/files/')).map((request) => request.path);
    expect(davPaths.length).toBeGreaterThan(0);
    expect(davPaths.every((path) => path.startsWith('/remote.php/dav/files/alice/'))).toBe(true);
    // Discovery happens once per backend, not once per request.
    expect(requests.filter((request) => request.path.startsWith('/ocs/')).length).toBe(1);
  });

  it('falls back to the DAV current-user principal when OCS is unavailable', async () => {
    const { fake, backend } = await connect({ ocs: false, loginName: 'Alice.Smith@corp.example', userId: 'asmith' });
    expect(await backend.userId()).toBe('asmith');
    await putText(backend, 'via principal', hint('p.txt'));
    expect(await fake.files()).toContain('DocuVault/p.txt');
    expect((await fake.requests()).some((request) => request.method === 'PROPFIND' && request.path === '/remote.php/dav/')).toBe(true);
  });

  it('works with an installation under a sub-path', async () => {
    const { fake, backend } = await connect({ basePath: '/nextcloud' });
    const { key } = await putText(backend, 'sub-path', hint('sub.txt', ['Deep']));
    expect(await readText(await backend.get(key))).toBe('sub-path');
    expect(await fake.files()).toContain('DocuVault/Deep/sub.txt');
    expect((await fake.requests()).every((request) => request.path.startsWith('/nextcloud/'))).toBe(true);
  });

  it('skips discovery when the user id is already known', async () => {
    const { fake, backend } = await connect({}, 'alice');
    await putText(backend, 'known', hint('known.txt'));
    expect((await fake.requests()).some((request) => request.path.startsWith('/ocs/'))).toBe(false);
  });
});
