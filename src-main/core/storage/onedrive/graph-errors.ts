import type { IncomingMessage } from 'node:http';
import { AppError, isAbortError } from '../../errors';
import { isRetryableStatus, isTransientNetworkError, parseRetryAfter, type RetryDecision } from '../../net/retry';
import { backendUnavailable, CloudConnectionError, storageFull } from '../backend-errors';
import { readSmallBody } from '../http/http-transport';

/**
 * A Graph answer that was not a success: the status and Graph's error `code`
 * only. Never the URL (upload and download URLs are credentials themselves),
 * headers or the server's message.
 */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`OneDrive answered ${status}${code ? ` (${code})` : ''}`);
    this.name = 'GraphHttpError';
  }
}

/** The upload session is gone or lost bytes we no longer hold: the upload must start over. */
export class UploadSessionLostError extends Error {
  constructor(detail: string) {
    super(`The upload session cannot continue: ${detail}`);
    this.name = 'UploadSessionLostError';
  }
}

/**
 * Every byte was sent but the answer to the last fragment was lost, and the
 * session is gone: the upload probably completed. The backend looks for the
 * item where it was to be created before deciding.
 */
export class UploadOutcomeUnknownError extends Error {
  constructor() {
    super('The last fragment was sent, but its answer was lost');
    this.name = 'UploadOutcomeUnknownError';
  }
}

/** Graph offered an upload or download URL DocuVault will not send a document to (or read one from). */
export class UnusableUrlError extends Error {
  constructor() {
    super('OneDrive offered an unusable transfer address');
    this.name = 'UnusableUrlError';
  }
}

/** A send that the session acknowledged no new bytes for: worth another try, but it counts against the attempts. */
export class UploadStalledError extends Error {
  constructor() {
    super('OneDrive acknowledged no new bytes');
    this.name = 'UploadStalledError';
  }
}

/** Reads Graph's error envelope (`{error: {code}}`) from a failed response. */
export async function graphErrorFrom(res: IncomingMessage): Promise<GraphHttpError> {
  const status = res.statusCode ?? 0;
  const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
  let code: string | null = null;
  try {
    const body = JSON.parse((await readSmallBody(res, 64 * 1024)).toString('utf8')) as { error?: { code?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
  } catch {
    // Not JSON (a proxy's page, an empty body): the status has to do.
  }
  return new GraphHttpError(status, code, retryAfterMs);
}

/** Retry policy: network blips, 408, 429 and 5xx (Retry-After honoured); never auth, 4xx or 507 (the drive is full). */
export function classifyGraphFailure(error: unknown): RetryDecision {
  if (isAbortError(error)) return { retry: false };
  if (error instanceof UploadStalledError) return { retry: true };
  if (error instanceof GraphHttpError) {
    if (!isRetryableStatus(error.status)) return { retry: false };
    return error.retryAfterMs !== undefined ? { retry: true, afterMs: error.retryAfterMs } : { retry: true };
  }
  return isTransientNetworkError(error) ? { retry: true } : { retry: false };
}

/** Whether Graph refused the token: then nothing more is sent (not even clean-up). */
export function isAuthRefusal(error: unknown): boolean {
  return error instanceof CloudConnectionError || (error instanceof GraphHttpError && (error.status === 401 || error.status === 403));
}

/** Maps any failure to the error a person (and the connections service) can act on. */
export function toOneDriveAppError(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error;
  if (isAbortError(error)) return new AppError('CANCELLED', `The ${action} was cancelled.`, { cause: error });
  if (error instanceof GraphHttpError) {
    // 401 always means the bearer token (expired or revoked): the service refreshes once and retries.
    if (error.status === 401) return new CloudConnectionError('token_expired', { cause: error });
    // On the person's own drive a 403 means the token lacks the files permission: only a new consent helps.
    if (error.status === 403) return new CloudConnectionError('unauthorized', { cause: error });
    if (error.status === 507 || error.code === 'quotaLimitReached') return storageFull(error);
    if (error.status === 409) {
      return new AppError('CONFLICT', `OneDrive refused the ${action} because of a name clash. Try again.`, { cause: error });
    }
    if (classifyGraphFailure(error).retry) return backendUnavailable(error);
    return new AppError('BACKEND_UNAVAILABLE', `OneDrive refused the ${action}. Try again later; nothing was lost.`, { cause: error });
  }
  if (error instanceof UnusableUrlError) {
    return new AppError('BACKEND_UNAVAILABLE', `OneDrive offered an address DocuVault does not trust for the ${action}. Try again later.`, { cause: error });
  }
  if (error instanceof UploadSessionLostError || error instanceof UploadOutcomeUnknownError) {
    return new AppError('BACKEND_UNAVAILABLE', 'The upload to OneDrive was interrupted and could not be resumed. Try again.', { cause: error });
  }
  if (isTransientNetworkError(error) || error instanceof UploadStalledError) return backendUnavailable(error);
  return new AppError('INTERNAL', `The ${action} failed unexpectedly.`, { cause: error });
}
