import {
  ExpiresParamError,
  InvalidArgumentError,
  InvalidBucketNameError,
  InvalidEndpointError,
  InvalidObjectNameError,
  S3Error,
} from 'minio';
import { AppError, isAbortError } from '../../errors';
import { isTransientNetworkError, isRetryableStatus, type RetryDecision } from '../../net/retry';
import { CloudConnectionError, backendUnavailable, storageFull } from '../backend-errors';
import { ObjectNotFoundError } from '../storage-backend';
import { S3HttpStatusError } from './status-surfacing-transport';

/** The configured bucket does not exist (or was deleted): the person must fix the connection settings. */
export class S3BucketMissingError extends AppError {
  constructor(bucket: string, options?: { cause?: unknown }) {
    super(
      'BACKEND_UNAVAILABLE',
      `The bucket "${bucket}" does not exist on the storage server. Check the bucket name in the connection settings.`,
      options,
    );
    this.name = 'S3BucketMissingError';
  }
}

/** S3 error codes that mean "these keys are not (or no longer) accepted". */
const CREDENTIAL_CODES = new Set([
  'AccessDenied',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidToken',
  'ExpiredToken',
  'TokenRefreshRequired',
  'AccountProblem',
  'AllAccessDisabled',
  'InvalidSecurity',
]);
const MISSING_OBJECT_CODES = new Set(['NoSuchKey', 'NotFound', 'NoSuchVersion']);
const TRANSIENT_CODES = new Set(['SlowDown', 'InternalError', 'ServiceUnavailable', 'RequestTimeout', 'Throttling', 'ThrottlingException']);
const FULL_CODES = new Set(['QuotaExceeded', 'XMinioStorageFull', 'XMinioAdminBucketQuotaExceeded', 'InsufficientStorage']);
const WRONG_REGION_CODES = new Set(['PermanentRedirect', 'MovedPermanently', 'AuthorizationHeaderMalformed', 'IllegalLocationConstraintException']);

/** The S3 error code of a server answer parsed by the minio client, if it is one. */
export function s3ErrorCode(error: unknown): string | undefined {
  if (!(error instanceof S3Error)) return undefined;
  return typeof error.code === 'string' && error.code !== '' ? error.code : undefined;
}

/**
 * The minio client reports a retryable status it handled itself (statuses our
 * transport does not intercept, such as 499) only through its message.
 */
function statusInMinioMessage(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const match = /Retryable HTTP status: (\d{3})/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

/** Whether a failed request is worth sending again (after a delay the server may dictate). */
export function classifyS3Failure(error: unknown): RetryDecision {
  if (error instanceof S3HttpStatusError) {
    return isRetryableStatus(error.status) ? { retry: true, ...(error.retryAfterMs !== undefined ? { afterMs: error.retryAfterMs } : {}) } : { retry: false };
  }
  if (isAbortError(error)) return { retry: false };
  const code = s3ErrorCode(error);
  if (code !== undefined) return { retry: TRANSIENT_CODES.has(code) };
  if (statusInMinioMessage(error) !== undefined) return { retry: true };
  return { retry: isTransientNetworkError(error) };
}

/** True when the server refused our credentials: no further request should be sent on this connection. */
export function isCredentialRefusal(error: unknown): boolean {
  if (error instanceof CloudConnectionError) return true;
  if (error instanceof S3HttpStatusError) return error.status === 401;
  const code = s3ErrorCode(error);
  return code !== undefined && CREDENTIAL_CODES.has(code);
}

/**
 * What a server's answer keeps as `cause`, for diagnosis: its kind (error name,
 * S3 code, HTTP status) and nothing the server wrote. A refused signature's
 * error XML carries SignatureProvided, StringToSign and CanonicalRequest, and
 * causes end up in logs; none of that may travel. The client's own argument
 * errors are summarised too, as their messages repeat the values they refused.
 */
export class S3FailureCause extends Error {
  constructor(
    readonly kind: string,
    readonly s3Code: string | undefined,
    readonly status: number | undefined,
  ) {
    super([kind, s3Code && `S3 ${s3Code}`, status && `HTTP ${status}`].filter(Boolean).join(', '));
    this.name = 'S3FailureCause';
  }
}

function safeCause(error: unknown): unknown {
  const fromServerOrClient =
    error instanceof S3Error ||
    error instanceof S3HttpStatusError ||
    error instanceof InvalidArgumentError ||
    error instanceof InvalidBucketNameError ||
    error instanceof InvalidObjectNameError ||
    error instanceof InvalidEndpointError ||
    error instanceof ExpiresParamError;
  // Network and source errors (ECONNRESET, a failing file read) are ours and say nothing secret: kept whole.
  return fromServerOrClient ? summarise(error) : error;
}

function summarise(error: Error): S3FailureCause {
  const status = error instanceof S3HttpStatusError ? error.status : statusInMinioMessage(error);
  return new S3FailureCause(error.name, s3ErrorCode(error), status);
}

/**
 * Turns anything the minio client or the network threw into a typed AppError
 * with a message for people; a server's answer stays as `cause` only in summary.
 */
export function toS3AppError(error: unknown, context: { action: string; bucket: string }): AppError {
  if (error instanceof AppError) return error;
  const { action } = context;
  const cause = safeCause(error);
  if (isAbortError(error)) return new AppError('CANCELLED', `The ${action} was cancelled.`, { cause });
  if (isCredentialRefusal(error)) return new CloudConnectionError('unauthorized', { cause });
  if (error instanceof S3HttpStatusError) {
    return error.status === 507 ? storageFull(cause) : backendUnavailable(cause);
  }
  const code = s3ErrorCode(error);
  if (code !== undefined) return fromS3Code(code, cause, context);
  if (
    error instanceof InvalidArgumentError ||
    error instanceof InvalidBucketNameError ||
    error instanceof InvalidObjectNameError ||
    error instanceof InvalidEndpointError ||
    error instanceof ExpiresParamError
  ) {
    return new AppError('VALIDATION', `The ${action} was refused because a setting or name is not valid for S3.`, { cause });
  }
  if (statusInMinioMessage(error) !== undefined || isTransientNetworkError(error)) return backendUnavailable(cause);
  return new AppError('INTERNAL', `The ${action} failed unexpectedly.`, { cause });
}

function fromS3Code(code: string, cause: unknown, { action, bucket }: { action: string; bucket: string }): AppError {
  if (MISSING_OBJECT_CODES.has(code)) return new ObjectNotFoundError();
  if (code === 'NoSuchBucket') return new S3BucketMissingError(bucket, { cause });
  if (TRANSIENT_CODES.has(code)) return backendUnavailable(cause);
  if (FULL_CODES.has(code)) return storageFull(cause);
  if (WRONG_REGION_CODES.has(code)) {
    return new AppError('BACKEND_UNAVAILABLE', 'The bucket lives in a different region than the one configured. Check the region in the connection settings.', {
      cause,
    });
  }
  if (code === 'RequestTimeTooSkewed') {
    return new AppError('BACKEND_UNAVAILABLE', "This computer's clock differs too much from the storage server's. Correct the clock and try again.", {
      cause,
    });
  }
  if (code === 'InvalidRange') return new AppError('VALIDATION', 'The requested part of the document lies outside it.', { cause });
  if (code === 'EntityTooLarge') return new AppError('VALIDATION', 'The file is larger than this storage server accepts.', { cause });
  if (code === 'BadDigest' || code === 'InvalidDigest' || code === 'XAmzContentSHA256Mismatch' || code === 'IncompleteBody') {
    return new AppError('BACKEND_UNAVAILABLE', `The storage server received damaged data during the ${action}; nothing was stored. Try again.`, {
      cause,
    });
  }
  if (code === 'NotImplemented' || code === 'MethodNotAllowed') {
    return new AppError('UNSUPPORTED', `This storage server does not support the ${action}.`, { cause });
  }
  return new AppError('INTERNAL', `The storage server refused the ${action}.`, { cause });
}
