import { AppError } from '../../errors';
import { CloudConnectionError } from '../../storage/backend-errors';

/**
 * What is safe to keep of a failed Google request: the HTTP status and
 * OAuth error code. The library's own error carries the request it sent —
 * with the client secret, the code, the verifier or the refresh token — so it
 * is never kept as a cause, logged or shown.
 */
export class GoogleOAuthFailure extends Error {
  constructor(
    readonly status: number | null,
    readonly oauthError: string | null,
    readonly networkCode: string | null,
  ) {
    super(`Google OAuth request failed (${status ?? networkCode ?? 'no response'}${oauthError ? `: ${oauthError}` : ''})`);
    this.name = 'GoogleOAuthFailure';
  }
}

export function describeGoogleFailure(error: unknown): GoogleOAuthFailure {
  const response = (error as { response?: { status?: unknown; data?: unknown } } | null)?.response;
  const status = typeof response?.status === 'number' ? response.status : null;
  const data = response?.data;
  const oauthError =
    typeof data === 'object' && data !== null && typeof (data as { error?: unknown }).error === 'string'
      ? (data as { error: string }).error
      : null;
  const code = (error as { code?: unknown } | null)?.code;
  return new GoogleOAuthFailure(status, oauthError, typeof code === 'string' ? code : null);
}

const unreachable = (cause: GoogleOAuthFailure) =>
  new AppError('BACKEND_UNAVAILABLE', 'Google could not be reached. Check your connection and try again.', { cause });

const clientRefused = (cause: GoogleOAuthFailure) =>
  new AppError(
    'UNSUPPORTED',
    "Google refused this build's Google Drive client settings. Check DOCUVAULT_GOOGLE_CLIENT_ID and DOCUVAULT_GOOGLE_CLIENT_SECRET (see README).",
    { cause },
  );

/** A failed code exchange: a refused code is the person's to retry (VALIDATION); a refused client is the build's problem. */
export function exchangeFailure(error: unknown): AppError {
  const failure = describeGoogleFailure(error);
  if (failure.oauthError === 'invalid_client' || failure.oauthError === 'unauthorized_client') return clientRefused(failure);
  if (failure.status !== null && failure.status >= 400 && failure.status < 500) {
    return new AppError('VALIDATION', 'Google did not accept this sign-in. Start connecting Google Drive again.', { cause: failure });
  }
  return unreachable(failure);
}

/** A failed refresh: a dead grant means the person must reconnect; anything else leaves the connection as it is. */
export function refreshFailure(error: unknown): AppError {
  const failure = describeGoogleFailure(error);
  if (failure.oauthError === 'invalid_grant') return new CloudConnectionError('invalid_grant', { cause: failure });
  if (failure.oauthError === 'invalid_client' || failure.oauthError === 'unauthorized_client') {
    return new CloudConnectionError('unauthorized', { cause: failure });
  }
  return unreachable(failure);
}

/** The account lookup right after sign-in. */
export function accountLookupFailure(error: unknown): AppError {
  const failure = describeGoogleFailure(error);
  if (failure.status === 401 || failure.status === 403) {
    return new AppError('VALIDATION', 'Google did not let DocuVault read your account details. Start connecting Google Drive again.', {
      cause: failure,
    });
  }
  return unreachable(failure);
}
