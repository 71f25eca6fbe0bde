import { randomBytes, randomUUID } from 'node:crypto';
import { open, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextcloudBackend } from '../../../src-main/core/storage/nextcloud/nextcloud-backend';
import { SourceReadFailure } from '../../../src-main/core/storage/storage-backend';
import { DOCUVAULT_NS } from '../../../src-main/core/storage/webdav/dav-properties';
import { startNextcloudFake, type NextcloudFake } from '../../servers/nextcloud-fake';
import type { RecordedRequest } from '../../servers/webdav-server';
import { generatedStream, readAll, sha256 } from '../../support/streams';
import { makeTempDir } from '../../support/temp-dir';
import { basicAuth, hint, putText, rawRequest, rejectionOf } from '../webdav/dav-test-helpers';

const MIB = 1024 * 1024;
const LOCKED_DELAY_MS = 300;

describe('Nextcloud uploads', () => {
  let fake: NextcloudFake;
  let backend: NextcloudBackend;
  let files: Awaited<ReturnType<typeof makeTempDir>>;
  const uploadsPrefix = '/remote.php/dav/uploads/alice/';

  beforeAll(async () => {
    files = await makeTempDir('docuvault-nextcloud-put-file-');
    fake = await startNextcloudFake();
    backend = new NextcloudBackend(
      { serverUrl: fake.url, loginName: fake.loginName },
      { appPassword: fake.password },
      {
        chunkThresholdBytes: 10 * MIB,
        chunkSizeBytes: 5 * MIB,
        retry: { baseDelayMs: 5, maxDelayMs: 50, random: () => 1, lockedDelayMs: LOCKED_DELAY_MS },
      },
    );
  });
  afterAll(async () => {
    backend.close();
    await fake.close();
    await files.remove();
  });

  /** Writes `data` to a file and runs `work` with it open for reading, as the upload manager does. */
  const withFile = async <T>(data: Uint8Array, work: (file: FileHandle) => Promise<T>): Promise<T> => {
    const path = join(files.path, randomUUID());
    await writeFile(path, data);
    const file = await open(path, 'r');
    try {
      return await work(file);
    } finally {
      await file.close();
    }
  };

  const uploadRequests = (requests: RecordedRequest[], documentId: string) =>
    requests.filter((request) => request.path.startsWith(`${uploadsPrefix}docuvault-${documentId}`));

  it('sends a small file as one PUT carrying OC-Checksum, without chunking', async () => {
    const objectHint = hint('small.txt', ['Checksums']);
    const { sha256: digest } = await putText(backend, 'small and sound', objectHint);
    const requests = await fake.requests();
    expect(uploadRequests(requests, objectHint.documentId)).toEqual([]);
    const put = requests.find((request) => request.method === 'PUT' && request.path.includes(objectHint.documentId));
    expect(put?.headers['oc-checksum']).toBe(`SHA256:${digest}`);
    const recorded = (await fake.checksums()).filter((record) => record.path.includes(objectHint.documentId));
    expect(recorded).toEqual([expect.objectContaining({ claimed: `SHA256:${digest}`, actual: `SHA256:${digest}` })]);
  });

  it('uses chunked upload v2 above the threshold: MKCOL, numbered chunks, MOVE .file, Destination and OC-Total-Length on every step', async () => {
    const size = 12 * MIB + 5;
    const source = generatedStream(size);
    const objectHint = hint('big.bin', ['Chunked']);
    const result = await backend.put({ body: source.stream, size, hint: objectHint });
    expect(result).toMatchObject({ key: 'DocuVault/Chunked/big.bin', size, sha256: source.digest() });

    const steps = uploadRequests(await fake.requests(), objectHint.documentId);
    const folder = `${uploadsPrefix}docuvault-${objectHint.documentId}/`;
    expect(steps.map((step) => `${step.method} ${step.path}`)).toEqual([
      `DELETE ${folder}`,
      `MKCOL ${folder}`,
      `PUT ${folder}00001`,
      `PUT ${folder}00002`,
      `PUT ${folder}00003`,
      `MOVE ${folder}.file`,
    ]);
    const destination = steps[1]!.headers.destination;
    expect(destination).toMatch(new RegExp(`/remote\\.php/dav/files/alice/DocuVault/\\.docuvault-staging/${objectHint.documentId}\\.partial$`));
    for (const step of steps.slice(1)) {
      expect(step.headers.destination).toBe(destination);
      expect(step.headers['oc-total-length']).toBe(String(size));
    }
    expect(steps.at(-1)!.headers['oc-checksum']).toBe(`SHA256:${result.sha256}`);
    expect((await fake.checksums()).find((record) => record.path.includes(objectHint.documentId))).toMatchObject({
      claimed: `SHA256:${result.sha256}`,
      actual: `SHA256:${result.sha256}`,
    });
    // The chunks are gone, the document is in place with its metadata.
    expect(await fake.uploadFolders()).toEqual([]);
    expect(await fake.files()).toContain('DocuVault/Chunked/big.bin');
    expect((await fake.deadProperties('/DocuVault/Chunked/big.bin'))[`${DOCUVAULT_NS}sha256`]).toBe(result.sha256);
    const tail = await readAll(await backend.get(result.key, { range: { start: size - 5, end: size - 1 } }));
    expect(tail.length).toBe(5);
  });

  it('notices when the server stored different bytes (its X-Hash-SHA256 disagrees), for one PUT and for chunks', async () => {
    for (const size of [1000, 11 * MIB]) {
      await fake.corruptNextUpload();
      const objectHint = hint(`corrupted-${size}.bin`, ['Corrupted']);
      const error = await rejectionOf(backend.put({ body: generatedStream(size).stream, size, hint: objectHint }));
      expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
      expect(error.message).toMatch(/different bytes/);
      expect((await fake.files()).filter((path) => path.includes(objectHint.documentId) || path.includes('corrupted'))).toEqual([]);
    }
    expect(await fake.uploadFolders()).toEqual([]);
  });

  it('backs off and retries when assembly answers 423 Locked', async () => {
    await fake.failNextAssembly(423);
    const size = 11 * MIB;
    const source = generatedStream(size);
    const objectHint = hint('locked.bin', ['Chunked']);
    const result = await backend.put({ body: source.stream, size, hint: objectHint });
    expect(result.sha256).toBe(source.digest());
    const moves = uploadRequests(await fake.requests(), objectHint.documentId).filter((request) => request.method === 'MOVE');
    expect(moves).toHaveLength(2);
    expect(moves[1]!.at - moves[0]!.at).toBeGreaterThanOrEqual(LOCKED_DELAY_MS - 5);
    expect(await fake.files()).toContain('DocuVault/Chunked/locked.bin');
  });

  it('maps 507 during assembly to QUOTA_EXCEEDED and removes the chunks and the partial file', async () => {
    await fake.failNextAssembly(507);
    const size = 11 * MIB;
    const objectHint = hint('full.bin', ['Chunked']);
    const error = await rejectionOf(backend.put({ body: generatedStream(size).stream, size, hint: objectHint }));
    expect(error).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(await fake.uploadFolders()).toEqual([]);
    expect((await fake.files()).some((path) => path.includes(objectHint.documentId))).toBe(false);
  });

  it('maps a full account on a small upload to QUOTA_EXCEEDED', async () => {
    await fake.setQuota(1);
    try {
      await expect(putText(backend, 'does not fit', hint('nofit.txt'))).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    } finally {
      await fake.setQuota(null);
    }
  });

  it('cleans up the upload folder when the body fails half-way', async () => {
    const size = 12 * MIB;
    const objectHint = hint('broken.bin', ['Chunked']);
    const body = Readable.from(
      (async function* () {
        yield Buffer.alloc(6 * MIB, 7);
        throw new Error('disk read failed');
      })(),
    );
    await expect(backend.put({ body, size, hint: objectHint })).rejects.toBeTruthy();
    expect(await fake.uploadFolders()).toEqual([]);
    expect((await fake.files()).some((path) => path.includes(objectHint.documentId))).toBe(false);
  });

  it('discardIncomplete removes an upload folder and a staging file left by a crash', async () => {
    const documentId = randomUUID();
    const auth = basicAuth(fake.loginName, fake.password);
    const destination = `${fake.url}remote.php/dav/files/alice/DocuVault/.docuvault-staging/${documentId}.partial`;
    expect(await rawRequest(`${fake.url}remote.php/dav/uploads/alice/docuvault-${documentId}`, 'MKCOL', auth, undefined, { Destination: destination })).toBe(201);
    expect(await fake.uploadFolders()).toEqual([`docuvault-${documentId}`]);
    await backend.discardIncomplete(documentId);
    await backend.discardIncomplete(documentId);
    expect(await fake.uploadFolders()).toEqual([]);
  });

  it('stores a file whose content is exactly the threshold in one PUT', async () => {
    const data = Buffer.alloc(10 * MIB, 3);
    const objectHint = hint('edge.bin');
    const result = await backend.put({ body: Readable.from([data]), size: data.length, hint: objectHint });
    expect(result.sha256).toBe(sha256(data));
    expect(uploadRequests(await fake.requests(), objectHint.documentId)).toEqual([]);
  });

  describe('files on this machine, read in place (putFile)', () => {
    it('sends a small file as one PUT carrying OC-Checksum', async () => {
      const data = randomBytes(1000);
      const objectHint = hint('small-file.bin', ['Files']);
      const result = await withFile(data, (file) => backend.putFile({ file, size: data.length, hint: objectHint }));
      expect(result.sha256).toBe(sha256(data));
      const requests = await fake.requests();
      expect(uploadRequests(requests, objectHint.documentId)).toEqual([]);
      const put = requests.find((request) => request.method === 'PUT' && request.path.includes(objectHint.documentId));
      expect(put?.headers['oc-checksum']).toBe(`SHA256:${sha256(data)}`);
    });

    it("sends a large file's bytes as numbered chunks of the chunk size, assembled into the same bytes", async () => {
      const data = randomBytes(12 * MIB + 5);
      const objectHint = hint('big-file.bin', ['Files']);
      const progress: number[] = [];
      const result = await withFile(data, (file) =>
        backend.putFile({ file, size: data.length, hint: objectHint, onProgress: (bytes) => progress.push(bytes) }),
      );
      expect(result).toMatchObject({ key: 'DocuVault/Files/big-file.bin', size: data.length, sha256: sha256(data) });
      const steps = uploadRequests(await fake.requests(), objectHint.documentId);
      const folder = `${uploadsPrefix}docuvault-${objectHint.documentId}/`;
      const described = steps.map((step) => `${step.method} ${step.path}${step.method === 'PUT' ? ` ${step.headers['content-length']}` : ''}`);
      expect(described).toEqual([
        `DELETE ${folder}`,
        `MKCOL ${folder}`,
        `PUT ${folder}00001 ${5 * MIB}`,
        `PUT ${folder}00002 ${5 * MIB}`,
        `PUT ${folder}00003 ${2 * MIB + 5}`,
        `MOVE ${folder}.file`,
      ]);
      expect(steps.at(-1)!.headers['oc-checksum']).toBe(`SHA256:${sha256(data)}`);
      expect(sha256(await readAll(await backend.get(result.key)))).toBe(sha256(data));
      expect(progress.at(-1)).toBe(data.length);
      expect(await fake.uploadFolders()).toEqual([]);
    });

    it('never assembles a file that grew while being read, and removes its chunks', async () => {
      const data = randomBytes(12 * MIB);
      const objectHint = hint('grown.bin', ['Files']);
      const error = await withFile(data, (file) => rejectionOf(backend.putFile({ file, size: 11 * MIB, hint: objectHint })));
      expect(error).toMatchObject({ code: 'CONFLICT' });
      const steps = uploadRequests(await fake.requests(), objectHint.documentId);
      expect(steps.filter((step) => step.method === 'MOVE')).toEqual([]);
      expect(await fake.uploadFolders()).toEqual([]);
      expect((await fake.files()).some((path) => path.includes(objectHint.documentId) || path.includes('grown'))).toBe(false);
    });

    it('reports a file that cannot be read as the source failing, and removes the upload folder', async () => {
      const directory = await open(files.path, 'r');
      const objectHint = hint('unreadable.bin', ['Files']);
      try {
        const error = await rejectionOf(backend.putFile({ file: directory, size: 12 * MIB, hint: objectHint }));
        expect(error).toBeInstanceOf(SourceReadFailure);
      } finally {
        await directory.close();
      }
      expect(await fake.uploadFolders()).toEqual([]);
      expect((await fake.files()).some((path) => path.includes(objectHint.documentId))).toBe(false);
    });
  });
});
