import type { ErrorCode } from '../../src-shared/errors';

/**
 * An error the core raises on purpose. Its message is written for people and may
 * cross the IPC boundary; anything else that is thrown is reported as INTERNAL.
 */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found. It may have been deleted.`);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The Node error code (ENOENT, ENOSPC…) of a system error, if it is one. */
export function systemErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function isAbortError(error: unknown): boolean {
  return (
    (error instanceof Error && error.name === 'AbortError') ||
    systemErrorCode(error) === 'ABORT_ERR' ||
    (error instanceof AppError && error.code === 'CANCELLED')
  );
}

/** Translate a storage/filesystem failure into a typed error a person can understand. */
export function toStorageAppError(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error;
  if (isAbortError(error)) return new AppError('CANCELLED', `The ${action} was cancelled.`, { cause: error });
  switch (systemErrorCode(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('QUOTA_EXCEEDED', `There is not enough disk space to complete the ${action}.`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new AppError('BACKEND_UNAVAILABLE', `DocuVault was not allowed to access its storage during the ${action}.`, {
        cause: error,
      });
    case 'EROFS':
      return new AppError('BACKEND_UNAVAILABLE', `The storage is read-only, so the ${action} could not complete.`, {
        cause: error,
      });
    default:
      return new AppError('INTERNAL', `The ${action} failed unexpectedly.`, { cause: error });
  }
}
