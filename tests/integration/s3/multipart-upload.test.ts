import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Client } from 'minio';
import { describe, expect, it } from 'vitest';
import { uploadInParts } from '../../../src-main/core/storage/s3/multipart-upload';
import type { ByteSource } from '../../../src-main/core/storage/sources/byte-source';
import { byteSourceFor } from '../../../src-main/core/storage/sources/byte-source-for';
import { SourceReadFailure } from '../../../src-main/core/storage/storage-backend';
import { hintFor, patternBytes, withTempFile } from './s3-fixture';

interface RecordedPart {
  readonly part: number;
  readonly headers: Record<string, string>;
  readonly bytes: Buffer;
}

/** Just the four multipart calls, recording what would have been sent (every attempt, failed ones too). */
function recordingClient(options: { failFirstAttemptOf?: number } = {}) {
  const parts: RecordedPart[] = [];
  const calls: string[] = [];
  const client = {
    async initiateNewMultipartUpload() {
      calls.push('initiate');
      return 'upload-1';
    },
    async uploadPart(config: { partNumber: number; headers: Record<string, string> }, payload: Buffer) {
      calls.push(`part ${config.partNumber}`);
      // Copied: the uploader reuses its buffer for the next part.
      parts.push({ part: config.partNumber, headers: { ...config.headers }, bytes: Buffer.from(payload) });
      if (config.partNumber === options.failFirstAttemptOf) {
        options.failFirstAttemptOf = undefined;
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      return { etag: `etag-${config.partNumber}`, key: 'k', part: config.partNumber };
    },
    async completeMultipartUpload(_bucket: string, _key: string, _id: string, etags: Array<{ part: number; etag: string }>) {
      calls.push(`complete ${etags.map((e) => e.etag).join(',')}`);
      return { etag: 'final', versionId: null };
    },
    async abortMultipartUpload() {
      calls.push('abort');
    },
  };
  return { client: client as unknown as Client, parts, calls };
}

const PART = 5 * 1024 * 1024;

const plan = (client: Client, size: number, contentMd5: boolean) => ({
  client,
  bucket: 'b',
  key: 'k',
  headers: {},
  size,
  partSize: PART,
  contentMd5,
  // One retry, as the backend's policy would do for a reset connection.
  send: async <T>(request: () => Promise<T>) => {
    try {
      return await request();
    } catch {
      return await request();
    }
  },
  onCompleting: () => undefined,
});

/** A stream body of `size` declared bytes delivering `chunks`. */
const streamSource = (chunks: Buffer[], size = chunks.reduce((sum, chunk) => sum + chunk.length, 0)): ByteSource =>
  byteSourceFor({ body: Readable.from(chunks), size, hint: hintFor() });

describe('uploadInParts', () => {
  it('splits the body into part-sized pieces regardless of how the source chunks it, in order, then completes with every ETag', async () => {
    const data = patternBytes(11 * 1024 * 1024 + 3);
    // Chunks that straddle part boundaries.
    const chunks = [data.subarray(0, 3 * 1024 * 1024 + 1), data.subarray(3 * 1024 * 1024 + 1, 9 * 1024 * 1024), data.subarray(9 * 1024 * 1024)];
    const { client, parts, calls } = recordingClient();
    await uploadInParts(streamSource(chunks), plan(client, data.length, false));
    expect(calls).toEqual(['initiate', 'part 1', 'part 2', 'part 3', 'complete etag-1,etag-2,etag-3']);
    expect(parts.map((p) => p.bytes.length)).toEqual([5 * 1024 * 1024, 5 * 1024 * 1024, 1024 * 1024 + 3]);
    // equals(), not toEqual(): a deep comparison of 11 MiB element by element takes minutes.
    expect(Buffer.concat(parts.map((p) => p.bytes)).equals(data)).toBe(true);
  });

  it('adds Content-MD5 of each part exactly when asked (HTTPS, where the payload is not signed)', async () => {
    const data = patternBytes(6 * 1024 * 1024, 9);
    const withMd5 = recordingClient();
    await uploadInParts(streamSource([data]), plan(withMd5.client, data.length, true));
    for (const { headers, bytes } of withMd5.parts) {
      expect(headers['content-md5']).toBe(createHash('md5').update(bytes).digest('base64'));
    }
    const without = recordingClient();
    await uploadInParts(streamSource([data]), plan(without.client, data.length, false));
    expect(without.parts.every((p) => !('content-md5' in p.headers))).toBe(true);
  });

  it('aborts the upload and completes nothing when the body ends early', async () => {
    const { client, calls } = recordingClient();
    await expect(uploadInParts(streamSource([patternBytes(6 * 1024 * 1024)], 12 * 1024 * 1024), plan(client, 12 * 1024 * 1024, false))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(calls).toEqual(['initiate', 'part 1', 'abort']);
  });
});

describe('uploadInParts from a file on this machine', () => {
  const fileSource = (file: FileHandle, size: number): ByteSource => byteSourceFor({ file, size, hint: hintFor() });

  it('sends the file in part-sized pieces with the bytes at their offsets, then completes', async () => {
    const data = patternBytes(2 * PART + 3 * 1024 * 1024 + 5, 21);
    const { client, parts, calls } = recordingClient();
    const source = await withTempFile(data, async (file) => {
      const source = fileSource(file, data.length);
      await uploadInParts(source, plan(client, data.length, true));
      return source;
    });
    expect(calls).toEqual(['initiate', 'part 1', 'part 2', 'part 3', 'complete etag-1,etag-2,etag-3']);
    expect(parts.map((p) => p.bytes.length)).toEqual([PART, PART, 3 * 1024 * 1024 + 5]);
    parts.forEach(({ part, bytes, headers }) => {
      expect(bytes.equals(data.subarray((part - 1) * PART, part * PART))).toBe(true);
      expect(headers['content-md5']).toBe(createHash('md5').update(bytes).digest('base64'));
    });
    expect(source.sha256).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('resends identical bytes when a part is retried, and hashes each byte once', async () => {
    const data = patternBytes(3 * PART, 22);
    const { client, parts, calls } = recordingClient({ failFirstAttemptOf: 2 });
    const source = await withTempFile(data, async (file) => {
      const source = fileSource(file, data.length);
      await uploadInParts(source, plan(client, data.length, false));
      return source;
    });
    expect(calls).toEqual(['initiate', 'part 1', 'part 2', 'part 2', 'part 3', 'complete etag-1,etag-2,etag-3']);
    const [failed, resent] = parts.filter((p) => p.part === 2);
    expect(resent!.bytes.equals(failed!.bytes)).toBe(true);
    expect(resent!.bytes.equals(data.subarray(PART, 2 * PART))).toBe(true);
    // Had the retry re-read (or re-hashed) the file, the digest would cover part 2 twice.
    expect(source.sha256).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('aborts the upload and completes nothing when the file grew past its announced size', async () => {
    const data = patternBytes(2 * PART + 1, 23);
    const { client, calls } = recordingClient();
    await withTempFile(data, async (file) => {
      await expect(uploadInParts(fileSource(file, 2 * PART), plan(client, 2 * PART, false))).rejects.toMatchObject({ code: 'CONFLICT' });
    });
    expect(calls).toEqual(['initiate', 'part 1', 'part 2', 'abort']);
  });

  it('aborts the upload when the file fails mid-way, passing the read failure on as it is', async () => {
    const data = patternBytes(3 * PART, 24);
    const { client, calls } = recordingClient();
    await withTempFile(data, async (file) => {
      // A disk that fails once the second part is being read.
      const failing = {
        read: (buffer: Buffer, offset: number, length: number, position: number) =>
          position >= PART ? Promise.reject(Object.assign(new Error('i/o error'), { code: 'EIO' })) : file.read(buffer, offset, length, position),
      } as unknown as FileHandle;
      await expect(uploadInParts(fileSource(failing, data.length), plan(client, data.length, false))).rejects.toBeInstanceOf(SourceReadFailure);
    });
    expect(calls).toEqual(['initiate', 'part 1', 'abort']);
  });
});
