import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { AppError } from '../../errors';
import { CloudConnectionError } from '../../storage/backend-errors';
import { MICROSOFT_CLIENT_ID_ENV } from './microsoft-oauth-config';
import { IdentityResponseError } from './msal-network-module';

/**
 * What is safe to keep of a failed MSAL call: which kind of error, its OAuth
 * error code, sub-error and HTTP status. Never MSAL's error itself (kept as a
 * cause it would travel into logs with the server's description and
 * correlation data) and never a request (codes, verifiers, refresh tokens).
 */
export class MicrosoftOAuthFailure extends Error {
  constructor(
    readonly kind: 'interaction_required' | 'server' | 'client' | 'network' | 'other',
    readonly errorCode: string | null,
    readonly subError: string | null,
    readonly status: number | null,
  ) {
    super(`Microsoft sign-in request failed (${kind}${errorCode ? `: ${errorCode}` : ''}${subError ? `/${subError}` : ''}${status ? `, ${status}` : ''})`);
    this.name = 'MicrosoftOAuthFailure';
  }
}

const NETWORK_CODES = new Set(['network_error', 'endpoints_resolution_error', 'openid_config_error', 'token_parsing_error']);

export function describeMicrosoftFailure(error: unknown): MicrosoftOAuthFailure {
  if (error instanceof InteractionRequiredAuthError) {
    return new MicrosoftOAuthFailure('interaction_required', error.errorCode || null, error.subError || null, null);
  }
  if (error instanceof ServerError) {
    return new MicrosoftOAuthFailure('server', error.errorCode || null, error.subError || null, typeof error.status === 'number' ? error.status : null);
  }
  if (error instanceof IdentityResponseError) return new MicrosoftOAuthFailure('network', null, null, error.status);
  if (error instanceof AuthError) {
    return new MicrosoftOAuthFailure(NETWORK_CODES.has(error.errorCode) ? 'network' : 'client', error.errorCode || null, null, null);
  }
  const code = (error as { code?: unknown } | null)?.code;
  return new MicrosoftOAuthFailure(typeof code === 'string' ? 'network' : 'other', typeof code === 'string' ? code : null, null, null);
}

/** The grant is gone for good: revoked, expired, consent withdrawn, or nothing left to refresh with. */
function grantIsGone(failure: MicrosoftOAuthFailure): boolean {
  return (
    failure.kind === 'interaction_required' ||
    failure.errorCode === 'invalid_grant' ||
    failure.errorCode === 'interaction_required' ||
    failure.errorCode === 'consent_required' ||
    failure.errorCode === 'login_required' ||
    failure.errorCode === 'no_tokens_found' ||
    failure.errorCode === 'no_account_in_silent_request' ||
    failure.errorCode === 'refresh_token_expired'
  );
}

function clientRefused(failure: MicrosoftOAuthFailure): boolean {
  return failure.errorCode === 'invalid_client' || failure.errorCode === 'unauthorized_client';
}

const unreachable = (cause: MicrosoftOAuthFailure) =>
  new AppError('BACKEND_UNAVAILABLE', 'Microsoft could not be reached. Check your connection and try again.', { cause });

/** A failed code exchange: a refused code is the person's to retry (VALIDATION); a refused client is the build's problem. */
export function exchangeFailure(error: unknown): AppError {
  const failure = describeMicrosoftFailure(error);
  if (clientRefused(failure)) {
    return new AppError('UNSUPPORTED', `Microsoft refused this build's OneDrive client settings. Check ${MICROSOFT_CLIENT_ID_ENV} (see README).`, {
      cause: failure,
    });
  }
  if (failure.kind === 'server' || failure.kind === 'interaction_required' || failure.errorCode === 'nonce_mismatch') {
    return new AppError('VALIDATION', 'Microsoft did not accept this sign-in. Start connecting OneDrive again.', { cause: failure });
  }
  return unreachable(failure);
}

/**
 * A failed refresh: both shapes a dead grant arrives in — MSAL's
 * InteractionRequiredAuthError and a plain ServerError carrying
 * `invalid_grant` — mean the person must reconnect; anything else leaves the
 * connection as it is.
 */
export function refreshFailure(error: unknown): AppError {
  const failure = describeMicrosoftFailure(error);
  if (grantIsGone(failure)) return new CloudConnectionError('invalid_grant', { cause: failure });
  if (clientRefused(failure)) return new CloudConnectionError('unauthorized', { cause: failure });
  // A scope no longer granted needs a new consent.
  if (failure.errorCode === 'invalid_scope') return new CloudConnectionError('invalid_grant', { cause: failure });
  return unreachable(failure);
}
