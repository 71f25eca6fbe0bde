import type { FakeOperation } from './fake-operations';

/** A misbehaviour the fake performs once, on the next request that matches. */
export type FakeFault =
  /** A Google-shaped JSON error; `reason` defaults per status (e.g. 403 → userRateLimitExceeded). */
  | { kind: 'status'; status: number; reason?: string; retryAfterSeconds?: number }
  /** The connection is dropped before anything is read or answered. */
  | { kind: 'reset' }
  /** Upload chunks only: `afterBytes` of the chunk arrive, then the connection drops. */
  | { kind: 'reset-mid-chunk'; afterBytes: number }
  /** Upload chunks only: the whole chunk arrives but only `keepBytes` of it are kept; the 308 says so. */
  | { kind: 'partial-ack'; keepBytes: number };

export interface FaultMatch {
  readonly operation?: FakeOperation;
  readonly method?: string;
  /** Let this many matching requests through first (e.g. 1: the fault hits the second chunk). */
  readonly skip?: number;
}

interface QueuedFault {
  readonly fault: FakeFault;
  readonly match: FaultMatch;
  skipLeft: number;
}

/** Faults waiting for their request, consumed first come first served. */
export class FaultPlan {
  private readonly queue: QueuedFault[] = [];

  inject(fault: FakeFault, match: FaultMatch = {}): void {
    this.queue.push({ fault, match, skipLeft: match.skip ?? 0 });
  }

  take(operation: FakeOperation, method: string): FakeFault | null {
    for (const [index, queued] of this.queue.entries()) {
      const { match } = queued;
      if ((match.operation && match.operation !== operation) || (match.method && match.method !== method)) continue;
      if (queued.skipLeft > 0) {
        queued.skipLeft--;
        return null;
      }
      this.queue.splice(index, 1);
      return queued.fault;
    }
    return null;
  }

  get pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue.length = 0;
  }
}

/** The reason Google gives with each throttling or failure status, unless the fault names one. */
export function defaultReasonFor(status: number): { reason: string; domain: string; message: string } {
  switch (status) {
    case 403:
      return { reason: 'userRateLimitExceeded', domain: 'usageLimits', message: 'User Rate Limit Exceeded' };
    case 429:
      return { reason: 'rateLimitExceeded', domain: 'usageLimits', message: 'Rate Limit Exceeded' };
    case 500:
      return { reason: 'backendError', domain: 'global', message: 'Backend Error' };
    case 503:
      return { reason: 'backendError', domain: 'global', message: 'Service Unavailable' };
    default:
      return { reason: 'failedPrecondition', domain: 'global', message: `Injected ${status}` };
  }
}
