import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { CopyDestinationOptions, CopySourceOptions, type Client } from 'minio';
import { AppError } from '../../errors';
import { withRetry } from '../../net/retry';
import { fillFully, type ByteSource } from '../sources/byte-source';
import { checkByteRange, refuseUnstorableSize } from '../request-checks';
import { byteSourceFor, releaseRequest, type UploadRequest } from '../sources/byte-source-for';
import {
  type BackendCapabilities,
  type ByteRange,
  type FilePutRequest,
  type HealthReport,
  type ObjectHint,
  type ObjectStat,
  type PutRequest,
  type PutResult,
  type StorageBackend,
} from '../storage-backend';
import { downloadStream } from './download-stream';
import { uploadInParts } from './multipart-upload';
import { checkOwnKey, documentKeyPrefix, objectKeyFor } from './object-key';
import { objectHeaders, sha256FromMetadata } from './object-metadata';
import { windowForRange, type ByteWindow } from './range-window';
import { createS3Client } from './s3-client';
import {
  choosePartSize,
  resolveS3Config,
  type ResolvedS3Config,
  type S3BackendOptions,
  type S3ConnectionSettings,
  type S3Credentials,
} from './s3-config';
import { S3BucketMissingError, classifyS3Failure, isCredentialRefusal, toS3AppError } from './s3-errors';

/** S3 refuses a server-side copy of a larger object in one request; see `recordDigest`. */
const MAX_SINGLE_COPY_BYTES = 5 * 1024 ** 3;
/** S3's largest object. */
const MAX_OBJECT_BYTES = 5 * 1024 ** 4;
/** Presigned S3 URLs live at most 7 days (SigV4). */
const MAX_PRESIGN_SECONDS = 7 * 24 * 60 * 60;

/** One put in progress. */
interface PendingUpload {
  /** The bytes, counted and hashed as they are read: a stream body or a file on this machine. */
  readonly source: ByteSource;
  readonly key: string;
  readonly hint: ObjectHint;
  readonly size: number;
  readonly partSize: number;
  readonly signal: AbortSignal | undefined;
  /** Set just before a request that can create the object at `key`: from then on a failure must remove it. */
  objectWritten: boolean;
}

/**
 * Documents in an S3-compatible bucket (AWS S3, MinIO, R2, s3rver…) under
 * `<prefix>/<documentId>/<name>`.
 *
 * Uploads: a body of at most one part goes up in one PUT; a larger one as a
 * multipart upload we drive part by part. Memory per transfer is one part.
 * A stream body (`put`) and a file on this machine (`putFile`, read in place
 * into the part buffer) take the same path; only the byte source differs.
 * The SHA-256 is computed while reading and stored as user metadata. For one
 * PUT it is sent with the bytes; a multipart upload must declare its metadata
 * before the first byte, so the digest is added afterwards by copying the object
 * onto itself with replaced metadata (a server-side operation: no bytes travel).
 * Every upload is then checked with a HEAD: size and digest as the server reports them.
 *
 * Every request is retried on transient failures (connection reset, 429 with
 * Retry-After, 5xx) with bounded exponential backoff and jitter; a refusal of
 * the credentials (401/403) is never retried and raises CloudConnectionError.
 */
export class S3Backend implements StorageBackend {
  readonly kind = 's3' as const;
  readonly capabilities: BackendCapabilities = { presignedGet: true, presignedPut: true, followsNames: false };
  readonly #config: ResolvedS3Config;
  // Private field: the client holds the secret key, and util.inspect/console.log never show #fields.
  readonly #client: Client;

  constructor(settings: S3ConnectionSettings, credentials: S3Credentials, options: S3BackendOptions = {}) {
    this.#config = resolveS3Config(settings, credentials, options);
    this.#client = createS3Client(this.#config, credentials);
  }

  put(request: PutRequest): Promise<PutResult> {
    return this.upload(request);
  }

  /** A file on this machine: read in place into the part buffer, so nothing is allocated per chunk. */
  putFile(request: FilePutRequest): Promise<PutResult> {
    return this.upload(request);
  }

  /** The one upload path for both kinds of request: only where the bytes come from differs. */
  private async upload(request: UploadRequest): Promise<PutResult> {
    const { hint, size, signal } = request;
    refuseUnstorableSize(request, MAX_OBJECT_BYTES, 'The file size is not valid for S3 storage (at most 5 TiB).');
    let key: string;
    try {
      key = objectKeyFor(this.#config.prefix, hint.documentId, hint.name);
    } catch (error) {
      releaseRequest(request);
      throw error;
    }
    const upload: PendingUpload = {
      source: byteSourceFor(request),
      key,
      hint,
      size,
      partSize: choosePartSize(size, this.#config.partSize),
      signal,
      objectWritten: false,
    };
    try {
      // A put cancelled before it began sends nothing (not even the multipart creation).
      signal?.throwIfAborted();
      const sha256 = size <= upload.partSize ? await this.putSingle(upload) : await this.putMultipart(upload);
      await this.verifyStored(key, size, sha256);
      return { key, size, sha256 };
    } catch (error) {
      await upload.source.cancel();
      // Only an object this put wrote is removed (never one stored before under the same key),
      // and after a credential refusal nothing more is sent on this connection.
      if (upload.objectWritten && !isCredentialRefusal(error)) await this.removeQuietly(key);
      throw this.appError(error, 'upload');
    }
  }

  /**
   * One PUT of a body no larger than one part: read it whole (the bound), then
   * send it — again, if a retry is needed. (The client copies a Buffer body once
   * more before sending, so a single PUT peaks at two copies of at most one part.)
   */
  private async putSingle(upload: PendingUpload): Promise<string> {
    const { source, size, key, hint } = upload;
    const bytes = await fillFully(source, Buffer.allocUnsafe(size));
    await source.finish();
    const sha256 = source.sha256;
    const headers = objectHeaders(hint.contentType, hint.documentId, sha256);
    upload.objectWritten = true;
    await this.send(() => this.#client.putObject(this.#config.bucket, key, bytes, size, headers), upload.signal);
    return sha256;
  }

  private async putMultipart(upload: PendingUpload): Promise<string> {
    const { key, hint, size, partSize, signal } = upload;
    await uploadInParts(upload.source, {
      client: this.#client,
      bucket: this.#config.bucket,
      key,
      headers: objectHeaders(hint.contentType, hint.documentId),
      size,
      partSize,
      contentMd5: this.#config.useSSL,
      send: (request) => this.send(request, signal),
      onCompleting: () => (upload.objectWritten = true),
      ...(signal ? { signal } : {}),
    });
    const sha256 = upload.source.sha256;
    if (size <= MAX_SINGLE_COPY_BYTES) await this.recordDigest(key, hint, sha256, signal);
    return sha256;
  }

  /**
   * Adds the digest to a completed multipart object by copying it onto itself
   * with REPLACE (S3's documented way to change metadata). Objects over 5 GiB
   * would need a multipart copy, which test servers lack: they keep only the
   * document id, and the digest lives on the document row alone.
   */
  private async recordDigest(key: string, hint: ObjectHint, sha256: string, signal: AbortSignal | undefined): Promise<void> {
    const { bucket } = this.#config;
    const source = new CopySourceOptions({ Bucket: bucket, Object: key });
    const destination = new CopyDestinationOptions({
      Bucket: bucket,
      Object: key,
      MetadataDirective: 'REPLACE',
      Headers: objectHeaders(hint.contentType, hint.documentId, sha256),
    });
    await this.send(() => this.#client.copyObject(source, destination), signal);
  }

  /** What the server reports must match what was read: exact size, and the digest where it is stored. */
  private async verifyStored(key: string, size: number, sha256: string): Promise<void> {
    const stored = await this.stat(key);
    const digestExpected = size <= MAX_SINGLE_COPY_BYTES;
    if (!stored || stored.size !== size || (digestExpected && stored.sha256 !== sha256)) {
      throw new AppError('BACKEND_UNAVAILABLE', 'The storage server did not keep the document as sent; nothing was stored. Try again.');
    }
  }

  async get(key: string, options: { range?: ByteRange; signal?: AbortSignal } = {}): Promise<Readable> {
    checkOwnKey(this.#config.prefix, key);
    const { range, signal } = options;
    checkByteRange(range);
    const { bucket } = this.#config;
    // Retries happen only until the response starts: no byte has reached the caller before that.
    const response = await this.run('download', signal, () =>
      range ? this.#client.getPartialObject(bucket, key, range.start, range.end - range.start + 1) : this.#client.getObject(bucket, key),
    );
    let window: ByteWindow | null;
    try {
      window = range ? windowForRange(response as IncomingMessage, range) : null;
    } catch (error) {
      response.destroy();
      throw error;
    }
    return downloadStream(response, { window, toAppError: (error) => this.appError(error, 'download'), signal });
  }

  async delete(key: string): Promise<void> {
    checkOwnKey(this.#config.prefix, key);
    try {
      await this.send(() => this.#client.removeObject(this.#config.bucket, key));
    } catch (error) {
      const mapped = this.appError(error, 'deletion');
      if (mapped.code === 'NOT_FOUND') return;
      throw mapped;
    }
  }

  async stat(key: string): Promise<ObjectStat | null> {
    checkOwnKey(this.#config.prefix, key);
    try {
      const info = await this.send(() => this.#client.statObject(this.#config.bucket, key));
      const modifiedAt = Number.isNaN(info.lastModified.getTime()) ? null : info.lastModified;
      return { key, size: info.size, sha256: sha256FromMetadata(info.metaData), modifiedAt };
    } catch (error) {
      const mapped = this.appError(error, 'lookup');
      if (mapped.code === 'NOT_FOUND') return null;
      throw mapped;
    }
  }

  /**
   * Reports a missing bucket or an unreachable server as not ok, with a message
   * a person can act on. Refused credentials are raised as CloudConnectionError
   * instead, like on every other operation, so the connections service can move
   * the connection to REQUIRES_REAUTH.
   */
  async healthCheck(): Promise<HealthReport> {
    const { bucket } = this.#config;
    let exists: boolean;
    try {
      exists = await this.send(() => this.#client.bucketExists(bucket));
    } catch (error) {
      const mapped = this.appError(error, 'connection check');
      if (mapped.code === 'REAUTH_REQUIRED') throw mapped;
      return { ok: false, message: mapped.message, freeBytes: null };
    }
    if (!exists) return { ok: false, message: new S3BucketMissingError(bucket).message, freeBytes: null };
    return { ok: true, message: `Connected to the bucket "${bucket}".`, freeBytes: null };
  }

  /**
   * Removes what an interrupted put may have left: any object under the
   * document's key prefix, then unfinished multipart uploads there.
   */
  async discardIncomplete(documentId: string): Promise<void> {
    const prefix = documentKeyPrefix(this.#config.prefix, documentId);
    const { bucket } = this.#config;
    try {
      const keys = await this.send(async () => {
        const found: string[] = [];
        for await (const item of this.#client.listObjectsV2(bucket, prefix, true)) {
          if (typeof item.name === 'string' && item.name.startsWith(prefix)) found.push(item.name);
        }
        return found;
      });
      for (const key of keys) await this.send(() => this.#client.removeObject(bucket, key));
    } catch (error) {
      throw this.appError(error, 'clean-up');
    }
    await this.abortUnfinishedUploadsQuietly(prefix);
  }

  /**
   * Best effort: s3rver cannot list unfinished uploads (NotImplemented), and a
   * key allowed to read and write objects may lack the permission to list them.
   * Neither says anything about the credentials; parts left behind are what a
   * bucket lifecycle rule for incomplete multipart uploads exists for.
   */
  private async abortUnfinishedUploadsQuietly(prefix: string): Promise<void> {
    const { bucket } = this.#config;
    let keyMarker = '';
    let uploadIdMarker = '';
    try {
      for (;;) {
        const page = await this.send(() => this.#client.listIncompleteUploadsQuery(bucket, prefix, keyMarker, uploadIdMarker, ''));
        for (const upload of page.uploads) {
          if (!upload.key.startsWith(prefix)) continue;
          await this.send(() => this.#client.abortMultipartUpload(bucket, upload.key, upload.uploadId)).catch(() => undefined);
        }
        if (!page.isTruncated) return;
        keyMarker = page.nextKeyMarker;
        uploadIdMarker = page.nextUploadIdMarker;
      }
    } catch {
      /* see above */
    }
  }

  async presignGet(key: string, expiresInSeconds: number): Promise<string> {
    checkOwnKey(this.#config.prefix, key);
    checkExpiry(expiresInSeconds);
    try {
      return await this.#client.presignedGetObject(this.#config.bucket, key, expiresInSeconds);
    } catch (error) {
      throw this.appError(error, 'share link');
    }
  }

  /**
   * A URL the holder can PUT the document's bytes to. Such an upload carries
   * no DocuVault metadata (the signature covers no extra headers) and its
   * digest is not known here: whoever uses it must verify the object.
   */
  async presignPut(hint: ObjectHint, expiresInSeconds: number): Promise<{ url: string; key: string }> {
    const key = objectKeyFor(this.#config.prefix, hint.documentId, hint.name);
    checkExpiry(expiresInSeconds);
    try {
      return { url: await this.#client.presignedPutObject(this.#config.bucket, key, expiresInSeconds), key };
    } catch (error) {
      throw this.appError(error, 'upload link');
    }
  }

  private async removeQuietly(key: string): Promise<void> {
    await this.send(() => this.#client.removeObject(this.#config.bucket, key)).catch(() => undefined);
  }

  /** One request with the retry policy; errors are left raw for the caller to map. */
  private send<T>(request: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return withRetry(() => request(), {
      attempts: this.#config.retry.attempts,
      baseDelayMs: this.#config.retry.baseDelayMs,
      classify: classifyS3Failure,
      ...(signal ? { signal } : {}),
    });
  }

  /** One request with the retry policy, its failure mapped to an AppError. */
  private async run<T>(action: string, signal: AbortSignal | undefined, request: () => Promise<T>): Promise<T> {
    try {
      return await this.send(request, signal);
    } catch (error) {
      throw this.appError(error, action);
    }
  }

  private appError(error: unknown, action: string): AppError {
    return toS3AppError(error, { action, bucket: this.#config.bucket });
  }
}

function checkExpiry(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS) {
    throw new AppError('VALIDATION', 'A link can be valid for 1 second up to 7 days.');
  }
}
