import { FaultPlan as SharedFaultPlan, type FaultMatch as SharedFaultMatch } from '../shared/fault-plan';
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

export type FaultMatch = SharedFaultMatch<FakeOperation>;

/** The shared fault queue, typed with this fake's faults and operations. */
export class FaultPlan extends SharedFaultPlan<FakeFault, FakeOperation> {}

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
