import { describe, expect, it, vi } from 'vitest';
import { isRetryableStatus, isTransientNetworkError, parseRetryAfter, withRetry } from '../../src-main/core/net/retry';

describe('withRetry', () => {
  it('retries retryable failures with backoff, then succeeds', async () => {
    const attempt = vi.fn().mockRejectedValueOnce(new Error('503')).mockRejectedValueOnce(new Error('503')).mockResolvedValue('ok');
    const result = await withRetry(attempt, { classify: () => ({ retry: true }), baseDelayMs: 1, random: () => 1 });
    expect(result).toBe('ok');
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('rethrows a non-retryable error at once', async () => {
    const attempt = vi.fn().mockRejectedValue(new Error('401'));
    await expect(withRetry(attempt, { classify: () => ({ retry: false }) })).rejects.toThrow('401');
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('gives up after the attempt budget', async () => {
    const attempt = vi.fn().mockRejectedValue(new Error('down'));
    await expect(withRetry(attempt, { attempts: 3, classify: () => ({ retry: true }), baseDelayMs: 1 })).rejects.toThrow('down');
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('waits at least what Retry-After asks', async () => {
    vi.useFakeTimers();
    try {
      const attempt = vi.fn().mockRejectedValueOnce(new Error('429')).mockResolvedValue('ok');
      const promise = withRetry(attempt, { classify: () => ({ retry: true, afterMs: 5000 }), baseDelayMs: 1, random: () => 0 });
      await vi.advanceTimersByTimeAsync(4999);
      expect(attempt).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(await promise).toBe('ok');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('classification helpers', () => {
  it('parses Retry-After in seconds and as a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('retries throttling and server errors, never auth, client errors or a full drive', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 412, 416, 507].some(isRetryableStatus)).toBe(false);
  });

  it('recognises resets through error causes', () => {
    expect(isTransientNetworkError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isTransientNetworkError(new Error('fetch failed', { cause: Object.assign(new Error('y'), { code: 'UND_ERR_SOCKET' }) }))).toBe(true);
    expect(isTransientNetworkError(new Error('bad request'))).toBe(false);
  });
});
