import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OneDriveBackend } from '../../../src-main/core/storage/onedrive/onedrive-backend';
import { quickXorHashOf } from '../../../src-main/core/storage/onedrive/quick-xor-hash';
import { manualStream, readAll, sha256 } from '../../support/streams';
import { hint, patterned, putBytes, startOneDriveFixture, type OneDriveFixture } from './onedrive-fixture';

const KiB = 1024;
const MiB = 1024 * KiB;
const QUANTUM = 320 * KiB;

let f: OneDriveFixture;
afterEach(async () => {
  await f?.close();
});

const fragments = () => f.fake.log.of('session.fragment');

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not reached');
}

describe('OneDrive upload sessions: the fragment rules', () => {
  it('uploads in 10 MiB fragments by default: in order, 320 KiB multiples but the last, never with Authorization', async () => {
    f = await startOneDriveFixture();
    expect(f.backend.fragmentSize).toBe(10 * MiB);
    const data = patterned(20 * MiB + 5000);
    const result = await putBytes(f.backend, data);
    expect(result).toMatchObject({ size: data.length, sha256: sha256(data) });
    const sent = fragments();
    expect(sent.map((entry) => entry.contentRange)).toEqual([
      `bytes 0-${10 * MiB - 1}/${data.length}`,
      `bytes ${10 * MiB}-${20 * MiB - 1}/${data.length}`,
      `bytes ${20 * MiB}-${data.length - 1}/${data.length}`,
    ]);
    for (const entry of sent.slice(0, -1)) expect(entry.contentLength! % QUANTUM).toBe(0);
    expect(sent.map((entry) => entry.status)).toEqual([202, 202, 201]);
    // The upload URL is pre-authenticated: the bearer token goes to Graph only.
    expect(sent.every((entry) => !entry.hadAuthorization)).toBe(true);
    expect(f.fake.log.of('session.create').every((entry) => entry.hadAuthorization)).toBe(true);
    expect(f.item(result.key)?.content?.quickXorHash).toBe(quickXorHashOf(data));
    expect(sha256(await readAll(await f.backend.get(result.key)))).toBe(sha256(data));
  });

  it('takes a chosen fragment size, and refuses one that breaks the rules', async () => {
    f = await startOneDriveFixture({ backend: { fragmentSize: 2 * QUANTUM } });
    const data = patterned(5 * QUANTUM + 17);
    await putBytes(f.backend, data);
    expect(fragments().map((entry) => entry.contentLength)).toEqual([2 * QUANTUM, 2 * QUANTUM, QUANTUM + 17]);
    for (const fragmentSize of [1000 * KiB, 60 * MiB, 0]) {
      expect(() => new OneDriveBackend({ accessToken: () => 'x', fragmentSize })).toThrow(RangeError);
    }
  });

  it('sends the empty file with one simple PUT …/content (no session)', async () => {
    f = await startOneDriveFixture();
    const result = await f.backend.put({ body: Readable.from([]), size: 0, hint: hint('empty.txt') });
    expect(f.fake.log.of('session.create')).toHaveLength(0);
    expect(f.fake.log.of('content.put')).toHaveLength(1);
    expect(f.files()).toEqual(['DocuVault/Taxes/empty.txt']);
    expect(result.size).toBe(0);
  });
});

describe('OneDrive upload sessions: recovery', () => {
  beforeEach(async () => {
    f = await startOneDriveFixture({ backend: { fragmentSize: 2 * QUANTUM } });
  });

  it('416 "already received": asks the session for nextExpectedRanges and continues from there, without resending', async () => {
    f.fake.faults.inject({ kind: 'already-received' }, { operation: 'session.fragment', skip: 1 });
    const data = patterned(5 * QUANTUM + 99, 7);
    const result = await putBytes(f.backend, data);
    const log = f.fake.log.entries.filter((entry) => entry.operation === 'session.fragment' || entry.operation === 'session.status');
    expect(log.map((entry) => `${entry.operation} ${entry.status}`)).toEqual([
      'session.fragment 202',
      'session.fragment 416',
      'session.status 200',
      'session.fragment 201',
    ]);
    // The second fragment was never sent twice: the third starts where the session said.
    expect(log[3]!.contentRange).toBe(`bytes ${4 * QUANTUM}-${data.length - 1}/${data.length}`);
    expect(log.every((entry) => !entry.hadAuthorization)).toBe(true);
    expect(sha256(await readAll(await f.backend.get(result.key)))).toBe(sha256(data));
  });

  it('416 for bytes that did not arrive: resends exactly what the session still expects', async () => {
    f.fake.faults.inject({ kind: 'status', status: 416 }, { operation: 'session.fragment', skip: 1 });
    const data = patterned(5 * QUANTUM + 99, 8);
    const result = await putBytes(f.backend, data);
    expect(fragments().map((entry) => `${entry.contentRange} ${entry.status}`)).toEqual([
      `bytes 0-${2 * QUANTUM - 1}/${data.length} 202`,
      `bytes ${2 * QUANTUM}-${4 * QUANTUM - 1}/${data.length} 416`,
      `bytes ${2 * QUANTUM}-${4 * QUANTUM - 1}/${data.length} 202`,
      `bytes ${4 * QUANTUM}-${data.length - 1}/${data.length} 201`,
    ]);
    expect(sha256(await readAll(await f.backend.get(result.key)))).toBe(sha256(data));
  });

  it('a connection cut mid-fragment resumes from what the session kept (whole 320 KiB units)', async () => {
    f.fake.faults.inject({ kind: 'cut-after', afterBytes: QUANTUM + 1000 }, { operation: 'session.fragment', skip: 1 });
    const data = patterned(6 * QUANTUM, 9);
    const result = await putBytes(f.backend, data);
    const ranges = fragments().map((entry) => entry.contentRange);
    expect(ranges).toContain(`bytes ${3 * QUANTUM}-${4 * QUANTUM - 1}/${data.length}`);
    expect(f.fake.log.of('session.status').length).toBeGreaterThanOrEqual(1);
    expect(sha256(await readAll(await f.backend.get(result.key)))).toBe(sha256(data));
  });

  it('a lost answer to the last fragment: the upload completed, and the staged item is found, checked and kept', async () => {
    f.fake.faults.inject({ kind: 'drop-response' }, { operation: 'session.fragment', skip: 2 });
    const data = patterned(5 * QUANTUM + 3, 10);
    const result = await putBytes(f.backend, data, hint('kept.bin'));
    expect(f.files()).toEqual(['DocuVault/Taxes/kept.bin']);
    expect(sha256(await readAll(await f.backend.get(result.key)))).toBe(sha256(data));
  });

  it('409 on the last fragment: the upload fails as CONFLICT, overwrites nothing and leaves nothing', async () => {
    const existing = await putBytes(f.backend, Buffer.from('already here'), hint('report.pdf'));
    f.fake.faults.inject({ kind: 'status', status: 409 }, { operation: 'session.fragment', skip: 2 });
    const before = f.files();
    await expect(putBytes(f.backend, patterned(5 * QUANTUM + 1, 11), hint('report.pdf'))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(f.files()).toEqual(before);
    expect(f.fake.uploads.openSessions).toBe(0);
    expect((await readAll(await f.backend.get(existing.key))).toString()).toBe('already here');
  });

  it('an upload session that expires mid-upload fails as BACKEND_UNAVAILABLE and leaves nothing', async () => {
    const body = manualStream();
    const size = 5 * QUANTUM;
    const upload = f.backend.put({ body, size, hint: hint('expiring.bin') });
    body.write(patterned(2 * QUANTUM, 12));
    await waitFor(() => fragments().some((entry) => entry.status === 202));
    await f.fake.uploads.expireAll();
    body.end(patterned(3 * QUANTUM, 13));
    await expect(upload).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(f.files()).toEqual([]);
  });

  it('a body shorter or longer than announced never becomes a file, and its session is cancelled', async () => {
    await expect(
      f.backend.put({ body: Readable.from([patterned(QUANTUM)]), size: 3 * QUANTUM, hint: hint('short.bin') }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      f.backend.put({ body: Readable.from([patterned(3 * QUANTUM + 1)]), size: 3 * QUANTUM, hint: hint('long.bin') }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(f.files()).toEqual([]);
    expect(f.fake.uploads.openSessions).toBe(0);
  });

  it('cancelling stops the upload (CANCELLED) and leaves nothing', async () => {
    const body = manualStream();
    const controller = new AbortController();
    const upload = f.backend.put({ body, size: 5 * QUANTUM, hint: hint('cancelled.bin'), signal: controller.signal });
    body.write(patterned(2 * QUANTUM + 10, 14));
    await waitFor(() => fragments().some((entry) => entry.status === 202));
    controller.abort();
    await expect(upload).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(f.files()).toEqual([]);
    expect(f.fake.uploads.openSessions).toBe(0);
  });
});

describe('OneDrive upload sessions: verification', () => {
  it("refuses an upload whose quickXorHash differs from OneDrive's, and leaves nothing behind", async () => {
    f = await startOneDriveFixture({ backend: { fragmentSize: 2 * QUANTUM } });
    f.fake.controls.corruptNextUpload = true;
    await expect(putBytes(f.backend, patterned(3 * QUANTUM + 5, 15), hint('corrupted.pdf'))).rejects.toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
      message: expect.stringContaining('did not keep the document as it was sent'),
    });
    expect(f.files()).toEqual([]);
    expect(f.fake.store.all().filter((item) => !item.isFolder)).toHaveLength(0);
  });
});
