import type { ErrorCode, ErrorInfo } from './errors';

/**
 * Every channel answers with this envelope. Errors never cross as rejections:
 * Electron keeps only the message of a thrown error, and we want the code.
 */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
