import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setImmediate as nextTask, setTimeout as sleep } from 'node:timers/promises';

export interface ProbeReport {
  /** Time inside the call itself. */
  readonly callMs: readonly number[];
  /**
   * From the moment the request was due to its answer: includes waiting for the
   * event loop, which is what the window feels when main is busy.
   */
  readonly responseMs: readonly number[];
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
}

export interface LatencyProbe {
  stop(): Promise<ProbeReport>;
}

/**
 * Issues `call` every `intervalMs`, one at a time, as a window polling main
 * would. Each request is timed from when it was due, not from when the busy
 * loop got round to sending it, so a blocked event loop shows up in the figures
 * instead of silently thinning the sample (coordinated omission).
 */
export function startLatencyProbe(call: () => Promise<unknown>, intervalMs: number): LatencyProbe {
  const callMs: number[] = [];
  const responseMs: number[] = [];
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  let stopped = false;

  const loop = (async () => {
    let due = performance.now();
    while (!stopped) {
      const wait = due - performance.now();
      // Always go back to the event loop, as an IPC message arrives as a task: chaining
      // calls through promises alone would starve the upload's I/O callbacks.
      if (wait > 0) await sleep(wait);
      else await nextTask();
      if (stopped) break;
      const sent = performance.now();
      await call();
      const answered = performance.now();
      callMs.push(answered - sent);
      responseMs.push(answered - due);
      // The next request is due one interval after this one was, or now if we are late.
      due = Math.max(due + intervalMs, answered);
    }
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
      loopDelay.disable();
      return {
        callMs,
        responseMs,
        loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        loopDelayMaxMs: loopDelay.max / 1e6,
      };
    },
  };
}
