import { AppError, isAbortError, systemErrorCode } from '../../errors';
import { isRetryableStatus, isTransientNetworkError, parseRetryAfter, type RetryDecision } from '../../net/retry';
import { backendUnavailable, storageFull } from '../backend-errors';
import { ObjectNotFoundError } from '../storage-backend';
import { discard, type DavResponse } from './dav-transport';
import { XmlSyntaxError } from './xml-tree';

/** A status the operation did not expect. Internal: mapped to an AppError before leaving the backend. */
export class DavStatusError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`The server answered HTTP ${status}.`);
    this.name = 'DavStatusError';
  }
}

/** Turns an unexpected answer into a DavStatusError, draining its body. */
export function unexpectedStatus(response: DavResponse): DavStatusError {
  discard(response);
  const retryAfter = response.headers['retry-after'];
  return new DavStatusError(response.status, parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter));
}

export interface DavRetryPolicy {
  /** Total attempts per request, the first included (default 4). */
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Wait before retrying a 423 Locked when the server gives no Retry-After (default 1 s). */
  readonly lockedDelayMs?: number;
  readonly random?: () => number;
}

/**
 * What is worth another attempt: dropped connections, throttling (honouring
 * Retry-After) and server trouble; 423 Locked where the caller expects a lock
 * to clear (Nextcloud assembling chunks). Never 401/403 (refused
 * credentials arrive as CloudConnectionError; a forbidden write stays
 * forbidden) and never other client errors.
 */
export function classifyDavFailure(error: unknown, policy: DavRetryPolicy, retryLocked: boolean): RetryDecision {
  if (error instanceof AppError || isAbortError(error)) return { retry: false };
  if (error instanceof DavStatusError) {
    if (error.status === 423 && retryLocked) return { retry: true, afterMs: error.retryAfterMs ?? policy.lockedDelayMs ?? 1000 };
    return isRetryableStatus(error.status) ? { retry: true, afterMs: error.retryAfterMs } : { retry: false };
  }
  return { retry: isTransientNetworkError(error) };
}

const TLS_CODE = /^(CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_SSL_)/;

/** Translates any failure of a DAV operation into an AppError a person can act on. */
export function toDavAppError(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error;
  if (isAbortError(error)) return new AppError('CANCELLED', `The ${action} was cancelled.`, { cause: error });
  if (error instanceof DavStatusError) return statusToAppError(error, action);
  if (error instanceof XmlSyntaxError) {
    return new AppError('BACKEND_UNAVAILABLE', 'The storage server sent an answer DocuVault could not read.', { cause: error });
  }
  const code = systemErrorCode(error);
  if (code && TLS_CODE.test(code)) {
    return new AppError(
      'BACKEND_UNAVAILABLE',
      "The storage server's certificate is not trusted. Check the server address, or reconnect to trust its certificate.",
      { cause: error },
    );
  }
  return backendUnavailable(error);
}

function statusToAppError(error: DavStatusError, action: string): AppError {
  const { status } = error;
  if (status === 404 || status === 410) return new ObjectNotFoundError();
  if (status === 507) return storageFull(error);
  if (status === 403) {
    return new AppError(
      'UNSUPPORTED',
      `The server does not allow this ${action} (permission denied). Check that your account may change files in its DocuVault folder, and that the server accepts this file name.`,
      { cause: error },
    );
  }
  if (status === 416) return new AppError('VALIDATION', 'The requested part of the document lies beyond its end.', { cause: error });
  if (status === 413) return new AppError('UNSUPPORTED', 'The storage server does not accept files this large.', { cause: error });
  if (status === 423) {
    return new AppError('CONFLICT', 'The document is locked on the server by another app. Try again in a moment.', { cause: error });
  }
  if (status === 409 || status === 412) {
    return new AppError('CONFLICT', `The ${action} clashed with a change made on the server. Try again.`, { cause: error });
  }
  if (status >= 300 && status < 400) {
    return new AppError('BACKEND_UNAVAILABLE', 'The server redirected DocuVault elsewhere. Check the server address in Settings.', {
      cause: error,
    });
  }
  if (isRetryableStatus(status)) return backendUnavailable(error);
  return new AppError('BACKEND_UNAVAILABLE', `The storage server refused the ${action}.`, { cause: error });
}
