import { FaultPlan as SharedFaultPlan, type FaultMatch as SharedFaultMatch } from '../shared/fault-plan';
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

export type FaultMatch = SharedFaultMatch<FakeOperation>;

/** The shared fault queue, typed with this fake's faults and operations. */
export class FaultPlan extends SharedFaultPlan<FakeFault, FakeOperation> {}

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
