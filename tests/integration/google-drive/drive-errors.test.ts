import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { guardBackend } from '../../../src-main/core/connections/guarded-backend';
import type { CloudConnectionError } from '../../../src-main/core/storage/backend-errors';
import { DRIVE_FILE_SCOPE } from '../../servers/google-fake/fake-identity';
import { readAll } from '../../support/streams';
import { startDriveFixture, type DriveFixture } from './drive-fixture';
import { hintFor } from './drive-test-data';

let fixture: DriveFixture;
beforeAll(async () => {
  fixture = await startDriveFixture();
});
afterAll(async () => {
  await fixture.close();
});

const putText = (text: string, hint = hintFor()) =>
  fixture.backend.put({ body: Readable.from([Buffer.from(text)]), size: Buffer.byteLength(text), hint });

/** Runs `work` with the fixture's token expired at the fake; restores a live token afterwards. */
async function withExpiredToken<T>(work: () => Promise<T>): Promise<T> {
  fixture.fake.expireAllAccessTokens();
  try {
    return await work();
  } finally {
    fixture.token = fixture.fake.mintAccessToken();
  }
}

const renderings = (error: unknown) => [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];

describe('Google Drive backend: auth failures', () => {
  it('a 401 on any operation is token_expired after exactly one request, and is not retried', async () => {
    const { key } = await putText('behind an expired token');
    const operations: Array<[string, () => Promise<unknown>]> = [
      ['get', () => fixture.backend.get(key)],
      ['stat', () => fixture.backend.stat(key)],
      ['delete', () => fixture.backend.delete(key)],
      ['relocate', () => fixture.backend.relocate(key, hintFor())],
      ['healthCheck', () => fixture.backend.healthCheck()],
      ['discardIncomplete', () => fixture.backend.discardIncomplete('d')],
    ];
    for (const [name, operation] of operations) {
      const mark = fixture.fake.log.mark();
      await withExpiredToken(async () => {
        await expect(operation(), name).rejects.toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'token_expired' });
      });
      expect(fixture.fake.log.since(mark), name).toHaveLength(1);
      expect(fixture.fake.log.since(mark)[0]!.status, name).toBe(401);
    }
    expect(await fixture.backend.stat(key)).not.toBeNull();
  });

  it('an upload refused at its start is token_expired and sends nothing more', async () => {
    await putText('warm the folder cache', hintFor('warm.txt', ['Auth']));
    const mark = fixture.fake.log.mark();
    await withExpiredToken(async () => {
      await expect(putText('refused', hintFor('refused.txt', ['Auth']))).rejects.toMatchObject({ reason: 'token_expired' });
    });
    expect(fixture.fake.log.since(mark).map((e) => [e.operation, e.status])).toEqual([['upload.initiate', 401]]);
  });

  it('reads the token on every request: a token refreshed while an upload runs is used for the steps after it', async () => {
    const body = new Readable({ read() {} });
    const size = 2 * 256 * 1024;
    const upload = fixture.backend.put({ body, size, hint: hintFor('long.bin') });
    const mark = fixture.fake.log.mark();
    body.push(Buffer.alloc(256 * 1024, 1));
    // The token that opened the session dies while the chunk is on its way.
    await vi.waitFor(() => expect(fixture.fake.log.since(mark).some((e) => e.operation === 'upload.chunk')).toBe(true));
    fixture.fake.expireAllAccessTokens();
    // The last step (recording the digest) needs a token again: the service's token source has a fresh one by then.
    fixture.token = fixture.fake.mintAccessToken();
    body.push(Buffer.alloc(256 * 1024, 2));
    body.push(null);
    const result = await upload;
    expect(result.size).toBe(size);
  });

  it('with the connections service guard, an expired token is refreshed once and the call succeeds', async () => {
    const { key } = await putText('refreshed');
    let refreshes = 0;
    const guarded = guardBackend(fixture.backend, {
      isUsable: () => true,
      onReauthRequired: () => {
        throw new Error('must not need re-auth');
      },
      refreshToken: async () => {
        refreshes++;
        fixture.token = fixture.fake.mintAccessToken();
      },
    });
    fixture.fake.expireAllAccessTokens();
    expect((await readAll(await guarded.get(key))).toString()).toBe('refreshed');
    expect(refreshes).toBe(1);
  });

  it('a token without the Drive scope (permission unticked) needs reconnecting: unauthorized', async () => {
    fixture.token = fixture.fake.mintAccessToken(['openid']);
    try {
      await expect(fixture.backend.healthCheck()).rejects.toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'unauthorized' });
    } finally {
      fixture.token = fixture.fake.mintAccessToken([DRIVE_FILE_SCOPE]);
    }
  });

  it('never shows the access token or the session URI in an error', async () => {
    const token = fixture.token;
    const mark = fixture.fake.log.mark();
    const failures: unknown[] = [];
    // A body shorter than announced, after a session was opened.
    failures.push(await fixture.backend.put({ body: Readable.from([Buffer.from('short')]), size: 10, hint: hintFor() }).catch((e: unknown) => e));
    // A refused token.
    failures.push(await withExpiredToken(() => fixture.backend.stat('1abcdefghijklmnopqrstuvwxyz').catch((e: unknown) => e)));
    // A session that keeps failing until the retry budget is spent.
    for (let i = 0; i < 40; i++) fixture.fake.faults.inject({ kind: 'status', status: 500 }, { method: 'PUT' });
    failures.push(await putText('server trouble').catch((e: unknown) => e));
    fixture.fake.faults.clear();
    expect(failures.map((f) => (f as { code?: string }).code)).toEqual(['CONFLICT', 'REAUTH_REQUIRED', 'BACKEND_UNAVAILABLE']);
    expect((failures[1] as CloudConnectionError).reason).toBe('token_expired');
    const sessionIds = fixture.fake.log
      .since(mark)
      .map((entry) => /upload_id=([^&]+)/.exec(entry.path)?.[1])
      .filter((id): id is string => id !== undefined);
    expect(sessionIds.length).toBeGreaterThan(0);
    for (const failure of failures) {
      for (const text of renderings(failure)) {
        expect(text).not.toContain(token);
        expect(text).not.toContain('upload_id');
        for (const id of sessionIds) expect(text).not.toContain(id);
      }
    }
  });
});

describe('Google Drive backend: quota and throttling', () => {
  it('a full Drive is QUOTA_EXCEEDED, not retried, and leaves no file', async () => {
    fixture.fake.drive.storageLimit = fixture.fake.drive.usage() + 10;
    const hint = hintFor('too-big.bin');
    const mark = fixture.fake.log.mark();
    try {
      await expect(putText('more than ten bytes', hint)).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    } finally {
      fixture.fake.drive.storageLimit = 15 * 1024 ** 3;
    }
    expect(fixture.fake.log.since(mark).filter((e) => e.status === 403)).toHaveLength(1);
    expect(fixture.fake.drive.all().filter((file) => file.appProperties.docuvaultId === hint.documentId)).toHaveLength(0);
  });

  it('rate-limit answers (403 userRateLimitExceeded, 429) on API calls are retried', async () => {
    const { key } = await putText('throttled');
    fixture.fake.faults.inject({ kind: 'status', status: 403, reason: 'userRateLimitExceeded' }, { operation: 'files.get' });
    fixture.fake.faults.inject({ kind: 'status', status: 429 }, { operation: 'files.get' });
    expect(await fixture.backend.stat(key)).toMatchObject({ size: 9 });
    fixture.fake.faults.inject({ kind: 'status', status: 503 }, { operation: 'files.media' });
    expect((await readAll(await fixture.backend.get(key))).toString()).toBe('throttled');
    expect(fixture.fake.faults.pending).toBe(0);
  });

  it('a 403 that is not throttling (e.g. a daily limit) is not retried', async () => {
    const { key } = await putText('daily');
    fixture.fake.faults.inject({ kind: 'status', status: 403, reason: 'dailyLimitExceeded' }, { operation: 'files.get' });
    const mark = fixture.fake.log.mark();
    await expect(fixture.backend.stat(key)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(fixture.fake.log.since(mark)).toHaveLength(1);
  });

  it('persistent server trouble on a download ends as BACKEND_UNAVAILABLE after the retry budget', async () => {
    const { key } = await putText('unreachable');
    for (let i = 0; i < 4; i++) fixture.fake.faults.inject({ kind: 'reset' }, { operation: 'files.media' });
    const mark = fixture.fake.log.mark();
    await expect(fixture.backend.get(key)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(fixture.fake.log.since(mark)).toHaveLength(4);
  });

  it('a range past the end of the document is refused as VALIDATION (416)', async () => {
    const { key } = await putText('0123456789');
    await expect(fixture.backend.get(key, { range: { start: 20, end: 30 } })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await readAll(await fixture.backend.get(key, { range: { start: 8, end: 30 } }))).toString()).toBe('89');
  });
});

describe('Google Drive backend: downloads through a flaky network', () => {
  it('a download cut mid-body fails its stream as BACKEND_UNAVAILABLE (bytes already reached the caller: no retry)', async () => {
    const flaky = await startDriveFixture({ proxy: true });
    try {
      const data = Buffer.alloc(3 * 1024 * 1024, 7);
      const { key } = await flaky.backend.put({ body: Readable.from([data]), size: data.length, hint: hintFor() });
      flaky.proxy!.inject({ kind: 'reset-mid-body', afterBytes: 1024 * 1024 }, { method: 'GET' });
      const before = flaky.proxy!.seen.length;
      const stream = await flaky.backend.get(key);
      await expect(readAll(stream)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
      expect(flaky.proxy!.seen.length - before).toBe(1);
      // The next read starts afresh.
      expect((await readAll(await flaky.backend.get(key))).length).toBe(data.length);
    } finally {
      await flaky.close();
    }
  });
});
