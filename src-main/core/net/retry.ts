
/** What to do about one failed attempt. */
export type RetryDecision = { retry: false } | { retry: true; afterMs?: number };

export interface RetryOptions {
  /** Total attempts, the first included. */
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly signal?: AbortSignal;
  /** Decides per error; anything not retryable is rethrown at once. */
  readonly classify: (error: unknown) => RetryDecision;
  /** For tests: deterministic jitter. */
  readonly random?: () => number;
}

/**
 * Runs `attempt` until it succeeds, the error is not retryable, or the attempts
 * run out. Exponential backoff with full jitter; a server's Retry-After wins
 * when it asks for longer (capped, so a hostile server cannot park us forever).
 */
export async function withRetry<T>(attempt: (attemptNumber: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 10_000;
  const random = options.random ?? Math.random;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const decision = options.classify(error);
      if (!decision.retry || n >= attempts || options.signal?.aborted) throw error;
      const backoff = random() * Math.min(max, base * 2 ** (n - 1));
      const wait = Math.min(Math.max(backoff, decision.afterMs ?? 0), Math.max(max, 60_000));
      await sleep(wait, options.signal);
    }
  }
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Network-level failures worth another attempt (the request may not have arrived). */
export function isTransientNetworkError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code)) return true;
    if (current instanceof Error && /socket hang up|other side closed|ECONNRESET/i.test(current.message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** HTTP statuses worth another attempt: throttling and server trouble, never auth or client errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status !== 501 && status !== 505 && status !== 507);
}

/** A timer-based wait (global setTimeout, so fake timers in tests control it), cut short by an abort. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
