import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Client } from 'minio';
import { describe, expect, it } from 'vitest';
import { uploadInParts } from '../../../src-main/core/storage/s3/multipart-upload';
import { PartReader } from '../../../src-main/core/storage/s3/part-reader';
import { patternBytes } from './s3-fixture';

interface RecordedPart {
  readonly part: number;
  readonly headers: Record<string, string>;
  readonly bytes: Buffer;
}

/** Just the four multipart calls, recording what would have been sent. */
function recordingClient() {
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

const plan = (client: Client, size: number, contentMd5: boolean) => ({
  client,
  bucket: 'b',
  key: 'k',
  headers: {},
  size,
  partSize: 5 * 1024 * 1024,
  contentMd5,
  send: <T>(request: () => Promise<T>) => request(),
  onCompleting: () => undefined,
});

describe('uploadInParts', () => {
  it('splits the body into part-sized pieces regardless of how the source chunks it, in order, then completes with every ETag', async () => {
    const data = patternBytes(11 * 1024 * 1024 + 3);
    // Chunks that straddle part boundaries.
    const chunks = [data.subarray(0, 3 * 1024 * 1024 + 1), data.subarray(3 * 1024 * 1024 + 1, 9 * 1024 * 1024), data.subarray(9 * 1024 * 1024)];
    const { client, parts, calls } = recordingClient();
    await uploadInParts(new PartReader(Readable.from(chunks)), plan(client, data.length, false));
    expect(calls).toEqual(['initiate', 'part 1', 'part 2', 'part 3', 'complete etag-1,etag-2,etag-3']);
    expect(parts.map((p) => p.bytes.length)).toEqual([5 * 1024 * 1024, 5 * 1024 * 1024, 1024 * 1024 + 3]);
    // equals(), not toEqual(): a deep comparison of 11 MiB element by element takes minutes.
    expect(Buffer.concat(parts.map((p) => p.bytes)).equals(data)).toBe(true);
  });

  it('adds Content-MD5 of each part exactly when asked (HTTPS, where the payload is not signed)', async () => {
    const data = patternBytes(6 * 1024 * 1024, 9);
    const withMd5 = recordingClient();
    await uploadInParts(new PartReader(Readable.from([data])), plan(withMd5.client, data.length, true));
    for (const { headers, bytes } of withMd5.parts) {
      expect(headers['content-md5']).toBe(createHash('md5').update(bytes).digest('base64'));
    }
    const without = recordingClient();
    await uploadInParts(new PartReader(Readable.from([data])), plan(without.client, data.length, false));
    expect(without.parts.every((p) => !('content-md5' in p.headers))).toBe(true);
  });

  it('aborts the upload and completes nothing when the body ends early', async () => {
    const { client, calls } = recordingClient();
    await expect(uploadInParts(new PartReader(Readable.from([patternBytes(6 * 1024 * 1024)])), plan(client, 12 * 1024 * 1024, false))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(calls).toEqual(['initiate', 'part 1', 'abort']);
  });
});
