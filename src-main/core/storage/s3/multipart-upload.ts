import { createHash } from 'node:crypto';
import type { Client } from 'minio';
import { fillFully, type ByteSource } from '../sources/byte-source';
import { isCredentialRefusal, s3ErrorCode } from './s3-errors';

/** Sends one request, retrying transient failures; supplied by the backend. */
export type SendWithRetry = <T>(request: () => Promise<T>) => Promise<T>;

export interface MultipartUploadPlan {
  readonly client: Client;
  readonly bucket: string;
  readonly key: string;
  /** Sent when the upload is created: content type and user metadata known before the bytes. */
  readonly headers: Record<string, string>;
  readonly size: number;
  readonly partSize: number;
  /**
   * Whether each part carries Content-MD5. Over plain HTTP the client signs the
   * payload's SHA-256, which the server checks; over HTTPS it sends the payload
   * unsigned, so without Content-MD5 nothing would catch a part damaged between
   * this buffer and the server's disk. (The same rule as the client's own single PUTs.)
   */
  readonly contentMd5: boolean;
  readonly send: SendWithRetry;
  /** Called just before the completion request, from which point an object may exist at `key`. */
  readonly onCompleting: () => void;
  readonly signal?: AbortSignal;
}

/**
 * Drives an S3 multipart upload ourselves (create, parts, complete) instead of
 * the client's putObject: the client would look for an earlier unfinished
 * upload of the same key to resume (ListMultipartUploads, which many servers,
 * s3rver among them, do not implement), and it cannot resend a part it streamed.
 *
 * Memory: one buffer of `partSize` bytes, reused for every part. A part is
 * read completely before it is sent, so a retried part sends the same bytes,
 * and the server checks each part's digest (see `contentMd5`).
 */
export async function uploadInParts(source: ByteSource, plan: MultipartUploadPlan): Promise<void> {
  const { client, bucket, key, send } = plan;
  const uploadId = await send(() => client.initiateNewMultipartUpload(bucket, key, plan.headers));
  try {
    const etags = await sendParts(source, plan, uploadId);
    await source.finish();
    plan.onCompleting();
    await completeUpload(plan, uploadId, etags);
  } catch (error) {
    // After a credential refusal nothing more is sent on this connection.
    if (!isCredentialRefusal(error)) await abortQuietly(client, bucket, key, uploadId);
    throw error;
  }
}

async function sendParts(source: ByteSource, plan: MultipartUploadPlan, uploadId: string): Promise<Array<{ part: number; etag: string }>> {
  const { client, bucket, key, size, partSize, send } = plan;
  const partCount = Math.ceil(size / partSize);
  const buffer = Buffer.allocUnsafe(Math.min(partSize, size));
  const etags: Array<{ part: number; etag: string }> = [];
  for (let part = 1; part <= partCount; part++) {
    plan.signal?.throwIfAborted();
    const expected = part < partCount ? partSize : size - partSize * (partCount - 1);
    const bytes = await fillFully(source, buffer.subarray(0, expected));
    const headers = plan.contentMd5 ? { 'content-md5': createHash('md5').update(bytes).digest('base64') } : {};
    const sending = send(() => client.uploadPart({ bucketName: bucket, objectName: key, uploadID: uploadId, partNumber: part, headers }, bytes));
    // Our SHA-256 of the part runs while the part is on its way, not before it leaves.
    const hashing = source.digestPending?.();
    const [{ etag }] = await Promise.all([sending, hashing]);
    etags.push({ part, etag });
  }
  return etags;
}

/**
 * If a completion succeeded but its answer was lost, the retry finds the upload
 * gone (NoSuchUpload). That is not a failure by itself: the caller verifies the
 * stored object's size (and digest) afterwards, which settles it either way.
 */
async function completeUpload(plan: MultipartUploadPlan, uploadId: string, etags: Array<{ part: number; etag: string }>): Promise<void> {
  let attempt = 0;
  await plan.send(async () => {
    attempt++;
    try {
      await plan.client.completeMultipartUpload(plan.bucket, plan.key, uploadId, etags);
    } catch (error) {
      if (attempt > 1 && s3ErrorCode(error) === 'NoSuchUpload') return;
      throw error;
    }
  });
}

/**
 * Frees the parts stored so far. Some servers (s3rver) do not implement the
 * abort; a lifecycle rule for incomplete uploads (or discardIncomplete) is the
 * backstop there, so a refusal here is not worth failing over.
 */
async function abortQuietly(client: Client, bucket: string, key: string, uploadId: string): Promise<void> {
  try {
    await client.abortMultipartUpload(bucket, key, uploadId);
  } catch {
    /* best effort; see above */
  }
}
