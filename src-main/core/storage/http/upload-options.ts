/** How a cloud backend retries a request or an upload chunk. */
export interface UploadRetryOptions {
  /** Attempts per request (or per chunk), the first included (default 5). */
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

export function resolveUploadRetry(retry: UploadRetryOptions | undefined): Required<UploadRetryOptions> {
  return {
    attempts: retry?.attempts ?? 5,
    baseDelayMs: retry?.baseDelayMs ?? 500,
    maxDelayMs: retry?.maxDelayMs ?? 30_000,
  };
}

/**
 * Checks an upload chunk size against the service's rule: a positive
 * multiple of its quantum (every chunk but the last must be one), and below
 * its ceiling when it has one. Refused at construction, not mid-upload.
 */
export function checkedChunkSize(size: number, rule: { readonly quantum: number; readonly below?: number; readonly message: string }): number {
  if (!Number.isSafeInteger(size) || size < rule.quantum || size % rule.quantum !== 0 || (rule.below !== undefined && size >= rule.below)) {
    throw new RangeError(rule.message);
  }
  return size;
}
