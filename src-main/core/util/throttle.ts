/**
 * Calls `flush` at most once per `intervalMs` while `poke` keeps being called,
 * always with a trailing call so the last state is never lost.
 */
export class TrailingThrottle {
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly flush: () => void,
  ) {}

  poke(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.now(), wait);
    this.timer.unref?.();
  }

  /** Flush immediately (e.g. when a batch ends). */
  now(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlush = Date.now();
    this.flush();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
