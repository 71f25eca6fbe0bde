/** Which request a queued fault waits for; unset fields match anything. */
export interface FaultMatch<Operation extends string> {
  readonly operation?: Operation;
  readonly method?: string;
  /** Let this many matching requests through first (e.g. 1: the fault hits the second chunk). */
  readonly skip?: number;
}

interface QueuedFault<Fault, Operation extends string> {
  readonly fault: Fault;
  readonly match: FaultMatch<Operation>;
  skipLeft: number;
}

/**
 * Faults waiting for their request, consumed first come first served. Each
 * fake names its own faults and operations; the queueing is the same.
 */
export class FaultPlan<Fault, Operation extends string> {
  private readonly queue: QueuedFault<Fault, Operation>[] = [];

  inject(fault: Fault, match: FaultMatch<Operation> = {}): void {
    this.queue.push({ fault, match, skipLeft: match.skip ?? 0 });
  }

  take(operation: Operation, method: string): Fault | null {
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
