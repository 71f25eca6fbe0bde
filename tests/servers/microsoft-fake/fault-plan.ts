import type { FakeOperation } from './fake-operations';

/** A misbehaviour the fake performs once, on the next request that matches. */
export type FakeFault =
  /** A Graph-shaped error: 429/503 with `Retry-After`, 507 quotaLimitReached, 409 nameAlreadyExists, … */
  | { kind: 'status'; status: number; code?: string; retryAfterSeconds?: number }
  /** The connection is dropped before anything is read or answered. */
  | { kind: 'reset' }
  /** Fragments only: the whole fragment is received and kept, then the connection drops without an answer. */
  | { kind: 'drop-response' }
  /** Fragments only: the fragment is received and kept, but answered 416 as if it had arrived before (a duplicate delivery). */
  | { kind: 'already-received' }
  /** Fragments only: `afterBytes` arrive, then the connection drops; what arrived is kept in whole 320 KiB units. */
  | { kind: 'cut-after'; afterBytes: number };

export interface FaultMatch {
  readonly operation?: FakeOperation;
  readonly method?: string;
  /** Let this many matching requests through first (e.g. 1: the fault hits the second fragment). */
  readonly skip?: number;
}

interface QueuedFault {
  readonly fault: FakeFault;
  readonly match: FaultMatch;
  skipLeft: number;
}

/** Faults waiting for their request, first come first served. */
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

/** The Graph error code the platform pairs with each injected status, unless the fault names one. */
export function defaultCodeFor(status: number): { code: string; message: string } {
  switch (status) {
    case 409:
      return { code: 'nameAlreadyExists', message: 'The specified item name already exists.' };
    case 416:
      return { code: 'invalidRange', message: 'The uploaded fragment overlaps with data that has already been received.' };
    case 429:
      return { code: 'activityLimitReached', message: 'The request has been throttled.' };
    case 500:
      return { code: 'generalException', message: 'An unspecified error has occurred.' };
    case 503:
      return { code: 'serviceNotAvailable', message: 'The service is temporarily unavailable.' };
    case 507:
      return { code: 'quotaLimitReached', message: 'Insufficient Space Available' };
    default:
      return { code: 'generalException', message: `Injected ${status}` };
  }
}
