import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GoogleDriveBackend } from '../../../src-main/core/storage/google-drive/google-drive-backend';
import type { LoggedRequest } from '../../servers/google-fake/request-log';
import { readAll } from '../../support/streams';
import { startDriveFixture, type DriveFixture } from './drive-fixture';
import { hintFor, KiB, MiB, oddPieces, randomData } from './drive-test-data';

const QUANTUM = 256 * KiB;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** Digest comparison: a deep-equal of megabyte buffers is needlessly slow. */
const expectSameBytes = (actual: Buffer, expected: Buffer) => {
  expect(actual.length).toBe(expected.length);
  expect(sha256(actual)).toBe(sha256(expected));
};

let fixture: DriveFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

async function start(chunkSize: number): Promise<DriveFixture> {
  fixture = await startDriveFixture({ backend: { chunkSize } });
  return fixture;
}

const chunkPuts = (entries: LoggedRequest[]) => entries.filter((entry) => entry.operation === 'upload.chunk');
const rangeOf = (entry: LoggedRequest) => {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(entry.contentRange ?? '');
  if (!match) throw new Error(`not a chunk: ${entry.contentRange}`);
  return { first: Number(match[1]), last: Number(match[2]), total: Number(match[3]) };
};
/** Files with content (not folders) the fake holds for a document. */
const filesOf = (f: DriveFixture, documentId: string) =>
  f.fake.drive.all().filter((file) => file.content !== null && file.appProperties.docuvaultId === documentId);

describe('Google Drive backend: resumable uploads', () => {
  it('sends contiguous chunks, each a multiple of 256 KiB but the last, on the session URI without the bearer token', async () => {
    const { backend, fake } = await start(2 * QUANTUM);
    const data = randomData(MiB + 300 * KiB + 7);
    const mark = fake.log.mark();
    const result = await backend.put({ body: oddPieces(data), size: data.length, hint: hintFor() });
    expect(result).toEqual({ key: expect.any(String), size: data.length, sha256: sha256(data) });

    const chunks = chunkPuts(fake.log.since(mark)).map(rangeOf);
    expect(chunks.map((c) => [c.first, c.last])).toEqual([
      [0, 524287],
      [524288, 1048575],
      [1048576, data.length - 1],
    ]);
    for (const chunk of chunks.slice(0, -1)) expect((chunk.last - chunk.first + 1) % QUANTUM).toBe(0);
    expect(chunks.every((c) => c.total === data.length)).toBe(true);
    const initiations = fake.log.since(mark).filter((e) => e.operation === 'upload.initiate');
    expect(initiations).toHaveLength(1);
    expect(initiations[0]!.hadAuthorization).toBe(true);
    // The session URI is the credential; an upload that outlives its access token still completes.
    expect(chunkPuts(fake.log.since(mark)).every((entry) => !entry.hadAuthorization)).toBe(true);
    expectSameBytes(await readAll(await backend.get(result.key)), data);
  });

  it('a connection cut mid-chunk resumes from the byte the session acknowledged, never from 0', async () => {
    const { backend, fake } = await start(4 * QUANTUM);
    const data = randomData(2 * MiB + 512 * KiB);
    // The second chunk (1 MiB–2 MiB) breaks after 700 KiB: the fake keeps 512 KiB of it (whole 256 KiB units).
    fake.faults.inject({ kind: 'reset-mid-chunk', afterBytes: 700 * KiB }, { operation: 'upload.chunk', skip: 1 });
    const mark = fake.log.mark();
    const result = await backend.put({ body: oddPieces(data), size: data.length, hint: hintFor('cut.bin') });
    expect(result.sha256).toBe(sha256(data));
    expect(fake.faults.pending).toBe(0);

    const requests = fake.log.since(mark).filter((e) => e.operation === 'upload.chunk' || e.operation === 'upload.query');
    expect(requests.map((e) => [e.operation, e.contentRange, e.status])).toEqual([
      ['upload.chunk', `bytes 0-1048575/${data.length}`, 308],
      ['upload.chunk', `bytes 1048576-2097151/${data.length}`, null],
      ['upload.query', `bytes */${data.length}`, 308],
      ['upload.chunk', `bytes 1572864-2097151/${data.length}`, 308],
      ['upload.chunk', `bytes 2097152-2621439/${data.length}`, 200],
    ]);
    // Bytes on the wire: the file once, plus only the 188 KiB of the cut chunk the fake did not keep.
    const sent = requests.reduce((total, e) => total + e.bodyBytes, 0);
    expect(sent).toBe(data.length + 700 * KiB - 512 * KiB);
    expectSameBytes(await readAll(await backend.get(result.key)), data);
  });

  it('a 308 that acknowledges part of a chunk gets the rest at once, without a status query', async () => {
    const { backend, fake } = await start(2 * QUANTUM);
    const data = randomData(MiB + 10);
    fake.faults.inject({ kind: 'partial-ack', keepBytes: QUANTUM }, { operation: 'upload.chunk' });
    const mark = fake.log.mark();
    const result = await backend.put({ body: oddPieces(data), size: data.length, hint: hintFor() });
    const requests = fake.log.since(mark).filter((e) => e.operation === 'upload.chunk' || e.operation === 'upload.query');
    expect(requests.map((e) => e.contentRange)).toEqual([
      `bytes 0-524287/${data.length}`,
      `bytes 262144-524287/${data.length}`,
      `bytes 524288-1048575/${data.length}`,
      `bytes 1048576-1048585/${data.length}`,
    ]);
    expectSameBytes(await readAll(await backend.get(result.key)), data);
  });

  it('retries a 503 and a rate-limit 403 on chunks, asking the session what arrived first', async () => {
    const { backend, fake } = await start(2 * QUANTUM);
    const data = randomData(MiB + 3);
    fake.faults.inject({ kind: 'status', status: 503 }, { operation: 'upload.chunk', skip: 1 });
    fake.faults.inject({ kind: 'status', status: 403 }, { operation: 'upload.chunk', skip: 1 });
    const mark = fake.log.mark();
    const result = await backend.put({ body: oddPieces(data), size: data.length, hint: hintFor() });
    expect(fake.faults.pending).toBe(0);
    const log = fake.log.since(mark);
    expect(log.filter((e) => e.operation === 'upload.query')).toHaveLength(2);
    expect(log.filter((e) => e.status === 503 || e.status === 403)).toHaveLength(2);
    expectSameBytes(await readAll(await backend.get(result.key)), data);
  });

  it('honours Retry-After on a throttled chunk', async () => {
    const { backend, fake } = await start(QUANTUM);
    const data = randomData(QUANTUM + 1);
    fake.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { operation: 'upload.chunk' });
    const started = Date.now();
    const result = await backend.put({ body: oddPieces(data), size: data.length, hint: hintFor() });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.sha256).toBe(sha256(data));
  });

  it('retries a rate-limited session start', async () => {
    const { backend, fake } = await start(QUANTUM);
    fake.faults.inject({ kind: 'status', status: 403, reason: 'userRateLimitExceeded' }, { operation: 'upload.initiate' });
    fake.faults.inject({ kind: 'reset' }, { operation: 'upload.initiate' });
    const data = randomData(1000);
    const result = await backend.put({ body: oddPieces(data), size: data.length, hint: hintFor() });
    expect(fake.faults.pending).toBe(0);
    expectSameBytes(await readAll(await backend.get(result.key)), data);
  });

  it('an expired session mid-upload fails the upload as BACKEND_UNAVAILABLE and leaves no file', async () => {
    const { backend, fake } = await start(QUANTUM);
    const body = new PassThrough();
    const hint = hintFor('expiring.bin');
    const upload = backend.put({ body, size: 2 * QUANTUM, hint });
    body.write(randomData(QUANTUM));
    await vi.waitFor(() => expect(fake.log.of('upload.chunk').some((e) => e.status === 308)).toBe(true));
    await fake.uploads.expireAll();
    body.end(randomData(QUANTUM));
    await expect(upload).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(filesOf(fixture!, hint.documentId)).toHaveLength(0);
  });

  it('refuses a body shorter than announced before anything becomes a file, and cancels the session', async () => {
    const { backend, fake } = await start(2 * QUANTUM);
    const hint = hintFor();
    await expect(backend.put({ body: oddPieces(randomData(MiB)), size: MiB + 5, hint })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(filesOf(fixture!, hint.documentId)).toHaveLength(0);
    await vi.waitFor(() => expect(fake.uploads.openSessions).toBe(0));
  });

  it('refuses a body longer than announced without completing its last chunk', async () => {
    const { backend, fake } = await start(2 * QUANTUM);
    const hint = hintFor();
    const mark = fake.log.mark();
    await expect(backend.put({ body: oddPieces(randomData(MiB + 1)), size: MiB, hint })).rejects.toMatchObject({ code: 'CONFLICT' });
    await vi.waitFor(() => expect(fake.uploads.openSessions).toBe(0));
    // The last chunk's final byte was held back until the body was known to end there; it never went.
    const [first, last, ...more] = chunkPuts(fake.log.since(mark));
    expect(more).toHaveLength(0);
    expect(first!.status).toBe(308);
    expect(last!.contentRange).toBe(`bytes ${2 * QUANTUM}-${MiB - 1}/${MiB}`);
    expect(last!.bodyBytes).toBeLessThan(2 * QUANTUM);
    expect(last!.status).toBeNull();
    expect(filesOf(fixture!, hint.documentId)).toHaveLength(0);
  });

  it('a cancelled upload stops, is CANCELLED, and leaves no file or open session', async () => {
    const { backend, fake } = await start(QUANTUM);
    const body = new PassThrough();
    const controller = new AbortController();
    const hint = hintFor();
    const upload = backend.put({ body, size: 3 * QUANTUM, hint, signal: controller.signal });
    body.write(randomData(QUANTUM));
    await vi.waitFor(() => expect(fake.log.of('upload.chunk').some((e) => e.status === 308)).toBe(true));
    controller.abort();
    await expect(upload).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(filesOf(fixture!, hint.documentId)).toHaveLength(0);
    await vi.waitFor(() => expect(fake.uploads.openSessions).toBe(0));
  });

  it('uploads an empty file with a single `bytes */0` request', async () => {
    const { backend, fake } = await start(QUANTUM);
    const mark = fake.log.mark();
    const result = await backend.put({ body: oddPieces(Buffer.alloc(0)), size: 0, hint: hintFor('empty.txt') });
    expect(fake.log.since(mark).filter((e) => e.operation.startsWith('upload.')).map((e) => [e.operation, e.contentRange])).toEqual([
      ['upload.initiate', null],
      ['upload.query', 'bytes */0'],
    ]);
    expect(fake.drive.get(result.key)?.content?.size).toBe(0);
  });

  it('accepts only chunk sizes that are multiples of 256 KiB', () => {
    const make = (chunkSize: number) => () => new GoogleDriveBackend({ accessToken: () => 't', chunkSize });
    expect(make(300 * KiB)).toThrow(RangeError);
    expect(make(0)).toThrow(RangeError);
    expect(make(QUANTUM).call(null).chunkSize).toBe(QUANTUM);
  });
});

describe('Google Drive backend: where the bytes go', () => {
  it('sends nothing to a session URI on another host than the configured upload host', async () => {
    const { backend, fake } = await start(QUANTUM);
    fake.advertise('http://127.0.0.2:9');
    const hint = hintFor();
    const mark = fake.log.mark();
    await expect(backend.put({ body: oddPieces(randomData(1000)), size: 1000, hint })).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(fake.log.since(mark).filter((e) => e.operation.startsWith('upload.')).map((e) => e.operation)).toEqual(['upload.initiate']);
  });
});
