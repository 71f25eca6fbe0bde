import { AppError } from '../errors';

/** Why a provider refused our credentials. The connections service decides what to do about it. */
export type CloudAuthReason =
  /** The access token expired: refresh once and retry. */
  | 'token_expired'
  /** The refresh token or grant was revoked: the person must reconnect. */
  | 'invalid_grant'
  /** The server refused the stored password or keys (401/403): the person must reconnect. */
  | 'unauthorized';

export const REAUTH_MESSAGE = 'Cloud connection requires re-authentication. Please reconnect in Settings.';

/**
 * Raised by backends when the provider refuses our credentials. Backends stay
 * stateless: they never touch the database or retry auth themselves.
 */
export class CloudConnectionError extends AppError {
  constructor(
    readonly reason: CloudAuthReason,
    options?: { cause?: unknown },
  ) {
    super('REAUTH_REQUIRED', REAUTH_MESSAGE, options);
    this.name = 'CloudConnectionError';
  }
}

export function isCloudConnectionError(error: unknown): error is CloudConnectionError {
  return error instanceof CloudConnectionError;
}

/** The server could not be reached or kept failing; nothing was lost. */
export function backendUnavailable(cause?: unknown): AppError {
  return new AppError(
    'BACKEND_UNAVAILABLE',
    'The storage server could not be reached. Check your connection and try again; nothing was lost.',
    { cause },
  );
}

/** The provider says the account is full (HTTP 507, S3 quota errors). Not retryable. */
export function storageFull(cause?: unknown): AppError {
  return new AppError('QUOTA_EXCEEDED', 'The storage account is full. Free some space there and try again.', { cause });
}
