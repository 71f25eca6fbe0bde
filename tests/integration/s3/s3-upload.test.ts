import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Backend } from '../../../src-main/core/storage/s3/s3-backend';
import { SourceReadFailure } from '../../../src-main/core/storage/storage-backend';
import { readAll, sha256 } from '../../support/streams';
import { MiB, SMALL_PART, hintFor, patternBytes, putBytes, requestsSince, startS3Fixture, withTempFile, type S3Fixture } from './s3-fixture';

describe('S3 backend uploads (s3rver)', () => {
  let fixture: S3Fixture;
  let backend: S3Backend;
  beforeAll(async () => {
    fixture = await startS3Fixture();
    backend = fixture.backend({ options: { partSize: SMALL_PART, retry: { attempts: 3, baseDelayMs: 5 } } });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('sends a body of at most one part as a single PUT, with its SHA-256 and document id in metadata', async () => {
    const data = patternBytes(SMALL_PART);
    const hint = hintFor('exactly one part.bin', 'application/octet-stream');
    const before = fixture.faults.seen.length;
    const result = await putBytes(backend, data, hint);

    const requests = requestsSince(fixture.faults, before);
    expect(requests.filter((r) => r.startsWith('PUT '))).toHaveLength(1);
    expect(requests.some((r) => r.includes('uploads') || r.includes('partNumber='))).toBe(false);
    expect(result).toEqual({ key: `DocuVault/${hint.documentId}/exactly one part.bin`, size: data.length, sha256: sha256(data) });

    const stat = await backend.stat(result.key);
    expect(stat).toMatchObject({ key: result.key, size: data.length, sha256: sha256(data) });
    expect(stat?.modifiedAt).toBeInstanceOf(Date);
    const raw = await fixture.inspector.statObject(fixture.server.bucket, result.key);
    expect(raw.metaData).toMatchObject({ 'docuvault-sha256': sha256(data), 'docuvault-id': hint.documentId, 'content-type': 'application/octet-stream' });
  });

  it('uploads a body larger than one part as a multipart upload of part-sized pieces', async () => {
    const data = patternBytes(2 * SMALL_PART + 1234, 7);
    const hint = hintFor('scan.pdf');
    const before = fixture.faults.seen.length;
    const result = await putBytes(backend, data, hint);

    const requests = requestsSince(fixture.faults, before);
    expect(requests.filter((r) => r.startsWith('POST ') && r.endsWith('?uploads'))).toHaveLength(1);
    const parts = requests.filter((r) => r.startsWith('PUT ') && r.includes('partNumber='));
    expect(parts.map((r) => /partNumber=(\d+)/.exec(r)?.[1])).toEqual(['1', '2', '3']);
    expect(requests.filter((r) => r.startsWith('POST ') && r.includes('uploadId='))).toHaveLength(1);

    expect(result.sha256).toBe(sha256(data));
    expect(sha256(await readAll(await backend.get(result.key)))).toBe(sha256(data));
    // The digest could only be added after completion (server-side copy onto itself); it must be there, with the id and type kept.
    expect(await backend.stat(result.key)).toMatchObject({ size: data.length, sha256: sha256(data) });
    const raw = await fixture.inspector.statObject(fixture.server.bucket, result.key);
    expect(raw.metaData).toMatchObject({ 'docuvault-sha256': sha256(data), 'docuvault-id': hint.documentId, 'content-type': 'application/pdf' });
  });

  it('switches to multipart one byte above the part size (last part of one byte)', async () => {
    const data = patternBytes(SMALL_PART + 1, 3);
    const before = fixture.faults.seen.length;
    const result = await putBytes(backend, data);
    const parts = requestsSince(fixture.faults, before).filter((r) => r.includes('partNumber='));
    expect(parts).toHaveLength(2);
    expect((await readAll(await backend.get(result.key, { range: { start: SMALL_PART, end: SMALL_PART } })))[0]).toBe(data[SMALL_PART]);
    expect((await backend.stat(result.key))?.sha256).toBe(sha256(data));
  });

  it('resends the same part bytes when a part upload fails transiently (503, then a reset)', async () => {
    const data = patternBytes(3 * SMALL_PART, 11);
    fixture.faults.inject({ kind: 'status', status: 503 }, { method: 'PUT', pathIncludes: 'partNumber=2' });
    fixture.faults.inject({ kind: 'reset' }, { method: 'PUT', pathIncludes: 'partNumber=3' });
    const before = fixture.faults.seen.length;
    const result = await putBytes(backend, data);

    expect(fixture.faults.pendingFaults()).toBe(0);
    const parts = requestsSince(fixture.faults, before).filter((r) => r.includes('partNumber='));
    expect(parts.map((r) => /partNumber=(\d+)/.exec(r)?.[1])).toEqual(['1', '2', '2', '3', '3']);
    // Had a retry sent other bytes (or none), the stored object would differ.
    expect(sha256(await readAll(await backend.get(result.key)))).toBe(sha256(data));
  });

  it('gives up after the configured attempts, aborts the upload and leaves no object behind', async () => {
    const data = patternBytes(2 * SMALL_PART, 5);
    const hint = hintFor('doomed.bin');
    for (let i = 0; i < 3; i++) fixture.faults.inject({ kind: 'status', status: 500 }, { method: 'PUT', pathIncludes: 'partNumber=2' });
    const before = fixture.faults.seen.length;

    await expect(putBytes(backend, data, hint)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    const requests = requestsSince(fixture.faults, before);
    expect(requests.filter((r) => r.includes('partNumber=2'))).toHaveLength(3);
    // The abort is sent even though s3rver refuses it (NotImplemented); the refusal does not mask the real error.
    expect(requests.filter((r) => r.startsWith('DELETE ') && r.includes('uploadId='))).toHaveLength(1);
    expect(requests.some((r) => r.startsWith('POST ') && r.includes('uploadId='))).toBe(false);
    expect(await backend.stat(`DocuVault/${hint.documentId}/doomed.bin`)).toBeNull();
  });

  it('refuses a multipart body that ends early or runs long, storing nothing', async () => {
    const short = hintFor('short.bin');
    await expect(
      backend.put({ body: Readable.from([patternBytes(SMALL_PART + 10)]), size: 2 * SMALL_PART, hint: short }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await backend.stat(`DocuVault/${short.documentId}/short.bin`)).toBeNull();

    const long = hintFor('long.bin');
    await expect(
      backend.put({ body: Readable.from([patternBytes(2 * SMALL_PART + 1)]), size: 2 * SMALL_PART, hint: long }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await backend.stat(`DocuVault/${long.documentId}/long.bin`)).toBeNull();
  });

  it('fails with the body error when the source breaks mid-upload', async () => {
    const hint = hintFor('broken.bin');
    async function* breaking() {
      yield patternBytes(SMALL_PART + 100);
      throw new Error('disk read failed');
    }
    const failure = backend.put({ body: Readable.from(breaking()), size: 3 * SMALL_PART, hint });
    await expect(failure).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await backend.stat(`DocuVault/${hint.documentId}/broken.bin`)).toBeNull();
  });

  it('is cancelled by its signal between parts', async () => {
    const controller = new AbortController();
    const hint = hintFor('cancelled.bin');
    let sent = 0;
    const failure = backend.put({
      body: Readable.from([patternBytes(SMALL_PART), patternBytes(SMALL_PART), patternBytes(SMALL_PART)]),
      size: 3 * SMALL_PART,
      hint,
      signal: controller.signal,
      onProgress: (bytes) => {
        sent = bytes;
        if (bytes > SMALL_PART) controller.abort();
      },
    });
    await expect(failure).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(sent).toBeLessThan(3 * SMALL_PART);
    expect(await backend.stat(`DocuVault/${hint.documentId}/cancelled.bin`)).toBeNull();
  });

  it('checks what the server reports after the upload and removes an object stored wrongly', async () => {
    const hint = hintFor('misreported.txt', 'text/plain');
    // The HEAD that verifies the upload reports a size the server could not have stored.
    fixture.faults.inject({ kind: 'status', status: 200, headers: { 'Content-Length': '1' } }, { method: 'HEAD' });
    await expect(putBytes(backend, Buffer.from('twelve bytes'), hint)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(fixture.faults.pendingFaults()).toBe(0);
    expect(await backend.stat(`DocuVault/${hint.documentId}/misreported.txt`)).toBeNull();
  });

  it('names keys <prefix>/<document id>/<sanitised name> and honours a custom prefix', async () => {
    const custom = fixture.backend({ settings: { prefix: '/Team Docs/2024/' } });
    const hint = hintFor('a/b\\c\u0007 Ünïcødé 😀.pdf');
    const result = await putBytes(custom, Buffer.from('prefixed'), hint);
    expect(result.key).toBe(`Team Docs/2024/${hint.documentId}/a_b_c Ünïcødé 😀.pdf`);
    expect((await readAll(await custom.get(result.key))).toString()).toBe('prefixed');
    // A key outside this connection's prefix is never reached, even if it exists in the bucket.
    await expect(backend.get(result.key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a size S3 cannot store before sending anything, releasing the stream body', async () => {
    const body = Readable.from([Buffer.from('never sent')]);
    const before = fixture.faults.seen.length;
    await expect(backend.put({ body, size: 5 * 1024 ** 4 + 1, hint: hintFor() })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(requestsSince(fixture.faults, before)).toEqual([]);
    expect(body.destroyed).toBe(true);
  });

  it('reports progress up to the full size', async () => {
    const progress: number[] = [];
    const data = patternBytes(SMALL_PART + MiB);
    await backend.put({ body: Readable.from([data.subarray(0, MiB), data.subarray(MiB)]), size: data.length, hint: hintFor(), onProgress: (n) => progress.push(n) });
    expect(progress.at(-1)).toBe(data.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  describe('from a file on this machine (putFile)', () => {
    it('sends a file of at most one part as a single PUT, with its SHA-256 in metadata', async () => {
      const data = patternBytes(SMALL_PART, 31);
      const hint = hintFor('one part.bin', 'application/octet-stream');
      const before = fixture.faults.seen.length;
      const result = await withTempFile(data, (file) => backend.putFile({ file, size: data.length, hint }));

      const requests = requestsSince(fixture.faults, before);
      expect(requests.filter((r) => r.startsWith('PUT '))).toHaveLength(1);
      expect(requests.some((r) => r.includes('uploads') || r.includes('partNumber='))).toBe(false);
      expect(result).toEqual({ key: `DocuVault/${hint.documentId}/one part.bin`, size: data.length, sha256: sha256(data) });
      expect((await readAll(await backend.get(result.key))).equals(data)).toBe(true);
      const raw = await fixture.inspector.statObject(fixture.server.bucket, result.key);
      expect(raw.metaData).toMatchObject({ 'docuvault-sha256': sha256(data), 'docuvault-id': hint.documentId });
    });

    it('resends the same part bytes from the file when a part upload fails transiently (503, then a reset)', async () => {
      const data = patternBytes(3 * SMALL_PART - 17, 32);
      fixture.faults.inject({ kind: 'status', status: 503 }, { method: 'PUT', pathIncludes: 'partNumber=2' });
      fixture.faults.inject({ kind: 'reset' }, { method: 'PUT', pathIncludes: 'partNumber=3' });
      const before = fixture.faults.seen.length;
      const result = await withTempFile(data, (file) => backend.putFile({ file, size: data.length, hint: hintFor() }));

      expect(fixture.faults.pendingFaults()).toBe(0);
      const parts = requestsSince(fixture.faults, before).filter((r) => r.includes('partNumber='));
      expect(parts.map((r) => /partNumber=(\d+)/.exec(r)?.[1])).toEqual(['1', '2', '2', '3', '3']);
      expect(result.sha256).toBe(sha256(data));
      expect((await readAll(await backend.get(result.key))).equals(data)).toBe(true);
      expect((await backend.stat(result.key))?.sha256).toBe(sha256(data));
    });

    it('is cancelled by its signal between parts, storing nothing', async () => {
      const controller = new AbortController();
      const hint = hintFor('cancelled file.bin');
      const data = patternBytes(3 * SMALL_PART, 33);
      let read = 0;
      const failure = await withTempFile(data, (file) =>
        backend
          .putFile({
            file,
            size: data.length,
            hint,
            signal: controller.signal,
            onProgress: (bytes) => {
              read = bytes;
              if (bytes > SMALL_PART) controller.abort();
            },
          })
          .then(
            () => null,
            (error: unknown) => error,
          ),
      );
      expect(failure).toMatchObject({ code: 'CANCELLED' });
      expect(read).toBeLessThan(3 * SMALL_PART);
      expect(await backend.stat(`DocuVault/${hint.documentId}/cancelled file.bin`)).toBeNull();
    });

    it('sends nothing when cancelled before it began, not even the multipart creation', async () => {
      const controller = new AbortController();
      controller.abort();
      const data = patternBytes(2 * SMALL_PART, 35);
      const before = fixture.faults.seen.length;
      await withTempFile(data, async (file) => {
        await expect(backend.putFile({ file, size: data.length, hint: hintFor(), signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
      });
      expect(requestsSince(fixture.faults, before)).toEqual([]);
    });

    it('passes a read failure mid-upload on unwrapped, abandoning the multipart upload', async () => {
      const hint = hintFor('failing disk.bin');
      const data = patternBytes(3 * SMALL_PART, 34);
      const before = fixture.faults.seen.length;
      const failure = await withTempFile(data, (file) => {
        // A disk that fails once the second part is being read.
        const failing = {
          read: (buffer: Buffer, offset: number, length: number, position: number) =>
            position >= SMALL_PART ? Promise.reject(Object.assign(new Error('i/o error'), { code: 'EIO' })) : file.read(buffer, offset, length, position),
        } as unknown as FileHandle;
        return backend.putFile({ file: failing, size: data.length, hint }).then(
          () => null,
          (error: unknown) => error,
        );
      });
      expect(failure).toBeInstanceOf(SourceReadFailure);
      expect((failure as SourceReadFailure).cause).toMatchObject({ code: 'EIO' });
      const requests = requestsSince(fixture.faults, before);
      expect(requests.filter((r) => r.includes('partNumber='))).toHaveLength(1);
      expect(requests.filter((r) => r.startsWith('DELETE ') && r.includes('uploadId='))).toHaveLength(1);
      expect(requests.some((r) => r.startsWith('POST ') && r.includes('uploadId='))).toBe(false);
      expect(await backend.stat(`DocuVault/${hint.documentId}/failing disk.bin`)).toBeNull();
    });

    it('refuses a size S3 cannot store before sending anything, leaving the file open for its owner', async () => {
      const data = Buffer.from('still mine to close');
      await withTempFile(data, async (file) => {
        const before = fixture.faults.seen.length;
        await expect(backend.putFile({ file, size: -1, hint: hintFor() })).rejects.toMatchObject({ code: 'VALIDATION' });
        expect(requestsSince(fixture.faults, before)).toEqual([]);
        const { bytesRead, buffer } = await file.read(Buffer.alloc(data.length), 0, data.length, 0);
        expect(buffer.subarray(0, bytesRead).equals(data)).toBe(true);
      });
    });
  });
});
