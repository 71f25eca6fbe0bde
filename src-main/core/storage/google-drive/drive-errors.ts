import type { IncomingMessage } from 'node:http';
import { AppError, isAbortError } from '../../errors';
import { isRetryableStatus, isTransientNetworkError, parseRetryAfter, type RetryDecision } from '../../net/retry';
import { backendUnavailable, CloudConnectionError, storageFull } from '../backend-errors';
import { readSmallBody } from '../http/http-transport';

/**
 * A Drive answer that was not a success: the status and Google's `reason`
 * only. Never the URL (a session URI is itself a credential) or headers.
 */
export class DriveHttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | null,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`Google Drive answered ${status}${reason ? ` (${reason})` : ''}`);
    this.name = 'DriveHttpError';
  }
}

/** The upload session is gone (expired, or lost bytes we no longer hold): the upload must start over. */
export class UploadSessionLostError extends Error {
  constructor(detail: string) {
    super(`The resumable upload session cannot continue: ${detail}`);
    this.name = 'UploadSessionLostError';
  }
}

/** A 308 that acknowledged nothing new: worth another try, but it counts against the attempts. */
export class UploadStalledError extends Error {
  constructor() {
    super('Google Drive acknowledged no new bytes');
    this.name = 'UploadStalledError';
  }
}

/** Reads Google's JSON error envelope (`error.errors[0].reason`) from a failed response. */
export async function driveErrorFrom(res: IncomingMessage): Promise<DriveHttpError> {
  const status = res.statusCode ?? 0;
  const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
  let reason: string | null = null;
  try {
    const body = JSON.parse((await readSmallBody(res, 64 * 1024)).toString('utf8')) as {
      error?: { errors?: Array<{ reason?: unknown }>; status?: unknown } | string;
    };
    if (typeof body.error === 'object') {
      const first = body.error.errors?.[0]?.reason;
      reason = typeof first === 'string' ? first : typeof body.error.status === 'string' ? body.error.status : null;
    }
  } catch {
    // Not JSON (a proxy's page, an empty body): the status has to do.
  }
  return new DriveHttpError(status, reason, retryAfterMs);
}

/** Drive's throttling answers come as 403 with these reasons (or as 429). */
const RATE_LIMIT_REASONS = new Set(['userRateLimitExceeded', 'rateLimitExceeded']);
const STORAGE_FULL_REASONS = new Set(['storageQuotaExceeded', 'quotaExceeded', 'teamDriveFileLimitExceeded']);
/** The token lacks the Drive scope (e.g. the person unticked it): only a new consent fixes that. */
const SCOPE_REASONS = new Set(['insufficientPermissions', 'insufficientScopes', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT']);

/** Retry policy: network blips, 429, 5xx and Drive's 403 rate limits; never auth, quota or client errors. */
export function classifyDriveFailure(error: unknown): RetryDecision {
  if (isAbortError(error)) return { retry: false };
  if (error instanceof UploadStalledError) return { retry: true };
  if (error instanceof DriveHttpError) {
    const throttled = isRetryableStatus(error.status) || (error.status === 403 && RATE_LIMIT_REASONS.has(error.reason ?? ''));
    return throttled ? { retry: true, ...(error.retryAfterMs !== undefined ? { afterMs: error.retryAfterMs } : {}) } : { retry: false };
  }
  return isTransientNetworkError(error) ? { retry: true } : { retry: false };
}

/** Whether a failure is Google refusing the token: then nothing more is sent (not even clean-up). */
export function isAuthRefusal(error: unknown): boolean {
  return error instanceof CloudConnectionError || (error instanceof DriveHttpError && (error.status === 401 || SCOPE_REASONS.has(error.reason ?? '')));
}

/** Maps any failure to the error a person (and the connections service) can act on. */
export function toDriveAppError(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error;
  if (isAbortError(error)) return new AppError('CANCELLED', `The ${action} was cancelled.`, { cause: error });
  if (error instanceof DriveHttpError) {
    // For Google a 401 always means the bearer token: expired or revoked. The service refreshes once and retries.
    if (error.status === 401) return new CloudConnectionError('token_expired', { cause: error });
    if (SCOPE_REASONS.has(error.reason ?? '')) return new CloudConnectionError('unauthorized', { cause: error });
    if (STORAGE_FULL_REASONS.has(error.reason ?? '')) return storageFull(error);
    if (classifyDriveFailure(error).retry) return backendUnavailable(error);
    return new AppError('BACKEND_UNAVAILABLE', `Google Drive refused the ${action}. Try again later; nothing was lost.`, { cause: error });
  }
  if (error instanceof UploadSessionLostError) {
    return new AppError('BACKEND_UNAVAILABLE', 'The upload to Google Drive was interrupted and could not be resumed. Try again.', {
      cause: error,
    });
  }
  if (isTransientNetworkError(error) || error instanceof UploadStalledError) return backendUnavailable(error);
  return new AppError('INTERNAL', `The ${action} failed unexpectedly.`, { cause: error });
}
