import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { NextcloudBackend } from '../../../src-main/core/storage/nextcloud/nextcloud-backend';
import { pollLoginFlow, startLoginFlow } from '../../../src-main/core/storage/nextcloud/login-flow';
import { startNextcloudFake, type NextcloudFake } from '../../servers/nextcloud-fake';
import { expectNoSecret, hint, putText, rejectionOf } from '../webdav/dav-test-helpers';

/** Every backend call, so a test can show that none of them reaches the server any more. */
function everyCall(backend: NextcloudBackend): Array<() => Promise<unknown>> {
  return [
    () => putText(backend, 'x', hint('x.txt')),
    () => backend.get('DocuVault/x.txt'),
    () => backend.stat('DocuVault/x.txt'),
    () => backend.delete('DocuVault/x.txt'),
    () => backend.relocate('DocuVault/x.txt', hint('y.txt')),
    () => backend.discardIncomplete(randomUUID()),
    () => backend.healthCheck(),
    () => backend.ensureRoot(),
    () => backend.describeServer(),
    () => backend.userId(),
  ];
}

describe('Nextcloud brute-force protection: nothing more is sent after a 401', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function fakeServer(): Promise<NextcloudFake> {
    const fake = await startNextcloudFake();
    cleanups.push(() => fake.close());
    return fake;
  }

  it('a wrong app password: one request, REAUTH_REQUIRED, then silence', async () => {
    const fake = await fakeServer();
    const wrong = 'wrong-app-password-1234';
    const backend = new NextcloudBackend({ serverUrl: fake.url, loginName: fake.loginName }, { appPassword: wrong });
    cleanups.push(async () => backend.close());

    const first = await rejectionOf(backend.healthCheck());
    expect(first).toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'unauthorized' });
    expect(await fake.requests()).toHaveLength(1);
    for (const call of everyCall(backend)) {
      const error = await rejectionOf(call());
      expect(error).toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'unauthorized' });
      expectNoSecret(error, fake.loginName, wrong);
    }
    expect(await fake.requests()).toHaveLength(1);
    expectNoSecret(first, fake.loginName, wrong);
    expectNoSecret(backend, fake.loginName, wrong);
  });

  it('an app password revoked while in use: the first 401 is the last request', async () => {
    const fake = await fakeServer();
    const flow = await startLoginFlow(fake.url);
    const polling = pollLoginFlow(flow.poll, { intervalMs: 20, timeoutMs: 10_000 });
    await fake.approveLogin();
    const { loginName, appPassword } = await polling;
    const backend = new NextcloudBackend({ serverUrl: fake.url, loginName }, { appPassword });
    cleanups.push(async () => backend.close());

    const { key } = await putText(backend, 'before revocation', hint('kept.txt'));
    await fake.revokeAppPasswords();
    const refused = await rejectionOf(backend.get(key));
    expect(refused).toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'unauthorized' });
    const seen = (await fake.requests()).length;
    expect((await fake.requests()).at(-1)).toMatchObject({ method: 'GET' });
    for (const call of everyCall(backend)) await expect(call()).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    expect((await fake.requests()).length).toBe(seen);
    expectNoSecret(refused, loginName, appPassword);
  });

  it('a 401 in the middle of a chunked upload stops it there, without clean-up requests', async () => {
    const fake = await fakeServer();
    const flow = await startLoginFlow(fake.url);
    const polling = pollLoginFlow(flow.poll, { intervalMs: 20, timeoutMs: 10_000 });
    await fake.approveLogin();
    const { loginName, appPassword } = await polling;
    const backend = new NextcloudBackend({ serverUrl: fake.url, loginName }, { appPassword });
    cleanups.push(async () => backend.close());
    await backend.ensureRoot();

    const MIB = 1024 * 1024;
    const size = 12 * MIB;
    const objectHint = hint('cut.bin');
    const firstChunk = `/uploads/alice/docuvault-${objectHint.documentId}/00001`;
    const body = Readable.from(
      (async function* () {
        yield Buffer.alloc(10 * MIB, 1);
        // Revoked part-way, once the first chunk has reached the server (the body may be read ahead of
        // the requests): the next chunk, which needs the bytes below, is refused.
        while (!(await fake.requests()).some((request) => request.method === 'PUT' && request.path.endsWith(firstChunk))) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        await fake.revokeAppPasswords();
        yield Buffer.alloc(2 * MIB, 2);
      })(),
    );
    const error = await rejectionOf(backend.put({ body, size, hint: objectHint }));
    expect(error).toMatchObject({ code: 'REAUTH_REQUIRED' });
    const requests = await fake.requests();
    // The refused chunk is the last request: no retry, no clean-up DELETE of the upload folder or staging file.
    expect(requests.at(-1)).toMatchObject({ method: 'PUT' });
    expect(requests.at(-1)!.path).toMatch(new RegExp(`/uploads/alice/docuvault-${objectHint.documentId}/00002$`));
    expect(requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
  });
});
