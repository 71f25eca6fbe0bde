/**
 * The closed set of error codes that may cross the IPC boundary.
 * The renderer branches on these; messages are for people only.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'REAUTH_REQUIRED',
  'BACKEND_UNAVAILABLE',
  'CONFLICT',
  'QUOTA_EXCEEDED',
  'CANCELLED',
  'UNSUPPORTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  readonly code: ErrorCode;
  /** A sentence a person can act on; never provider internals, secrets or stack traces. */
  readonly message: string;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
