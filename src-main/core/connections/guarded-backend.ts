import { AppError } from '../errors';
import { CertificateMismatchError } from '../net/certificate-mismatch-error';
import { isCloudConnectionError, REAUTH_MESSAGE, type CloudConnectionError } from '../storage/backend-errors';
import type { StorageBackend } from '../storage/storage-backend';

export interface GuardHooks {
  /** Called when the provider refuses our credentials for good, or its certificate changed; returns once the status is stored. */
  onReauthRequired(reason: string): void;
  /**
   * Refreshes an expired access token, single-flight across callers; null where the
   * provider has none. `seenGeneration` is the token generation the failed call used:
   * if a refresh already replaced it, the caller just retries.
   */
  refreshToken: ((seenGeneration: number) => Promise<void>) | null;
  /** Increases each time the tokens are replaced. */
  tokenGeneration?: () => number;
  /** Runs before an upload: a body stream cannot be replayed, so refresh first if the token is about to expire. */
  beforePut?: () => Promise<void>;
  /** Whether the connection may be used at all right now (false once it needs re-authentication). */
  isUsable(): boolean;
}

const METHODS = ['put', 'putFile', 'get', 'delete', 'stat', 'healthCheck', 'discardIncomplete', 'presignGet', 'presignPut', 'relocate'] as const;

/**
 * Wraps a connection's backend so that the connections service, not the backend,
 * owns what happens on an auth failure: an expired token is refreshed once and
 * the call retried once; a refused grant or password marks the connection
 * REQUIRES_REAUTH, after which no request is sent until the person reconnects.
 */
export function guardBackend(backend: StorageBackend, hooks: GuardHooks): StorageBackend {
  const guarded: Record<string, unknown> = Object.create(backend) as Record<string, unknown>;
  for (const method of METHODS) {
    const original = (backend as unknown as Record<string, unknown>)[method];
    if (typeof original !== 'function') continue;
    guarded[method] = async (...args: unknown[]) => {
      if (!hooks.isUsable()) throw new AppError('REAUTH_REQUIRED', REAUTH_MESSAGE);
      const uploading = method === 'put' || method === 'putFile';
      if (uploading) await hooks.beforePut?.();
      const generation = hooks.tokenGeneration?.() ?? 0;
      try {
        return await (original as (...a: unknown[]) => Promise<unknown>).apply(backend, args);
      } catch (error) {
        // A different certificate than the one trusted: stop sending the password anywhere until the person looks.
        const mismatch = findCertificateMismatch(error);
        if (mismatch) {
          hooks.onReauthRequired('The server presented a different certificate than the one you trusted.');
          throw mismatch;
        }
        if (!isCloudConnectionError(error)) throw error;
        // A put consumed its body: it cannot be replayed here, so the upload fails and is retried by the person.
        if (error.reason === 'token_expired' && hooks.refreshToken && !uploading) {
          await hooks.refreshToken(generation);
          try {
            return await (original as (...a: unknown[]) => Promise<unknown>).apply(backend, args);
          } catch (retryError) {
            if (isCloudConnectionError(retryError) && retryError.reason !== 'token_expired') hooks.onReauthRequired(describe(retryError));
            throw retryError;
          }
        }
        if (error.reason !== 'token_expired') hooks.onReauthRequired(describe(error));
        throw error;
      }
    };
  }
  return guarded as unknown as StorageBackend;
}

function describe(error: CloudConnectionError): string {
  return error.reason === 'invalid_grant'
    ? 'The sign-in is no longer valid.'
    : error.reason === 'unauthorized'
      ? 'The server refused the stored credentials.'
      : 'The sign-in expired.';
}

function findCertificateMismatch(error: unknown): CertificateMismatchError | null {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth++) {
    if (current instanceof CertificateMismatchError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
