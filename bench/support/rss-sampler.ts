import { readFileSync, writeFileSync } from 'node:fs';

export interface RssReport {
  readonly baselineBytes: number;
  readonly peakBytes: number;
  /** Peak minus baseline: what the measured work added to the process. */
  readonly growthBytes: number;
  readonly samples: number;
  /** 'VmHWM' when the kernel's high-water mark was available (exact), else 'sampled'. */
  readonly source: 'VmHWM' | 'sampled';
}

/**
 * Tracks the peak resident set size of this process while some work runs.
 * Sampling alone misses spikes that come and go between two samples (and no
 * sample fires while the event loop is busy), so on Linux the kernel's own
 * high-water mark is reset at start (/proc/self/clear_refs "5") and read at
 * the end; the samples remain as a cross-check and as the fallback elsewhere.
 */
export class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  private baseline = 0;
  private peak = 0;
  private samples = 0;
  private kernelPeakReset = false;

  constructor(private readonly intervalMs = 2) {}

  start(): void {
    this.kernelPeakReset = resetKernelPeak();
    this.baseline = process.memoryUsage.rss();
    this.peak = this.baseline;
    this.samples = 1;
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): RssReport {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    const kernelPeak = this.kernelPeakReset ? readKernelPeak() : null;
    const peakBytes = Math.max(this.peak, kernelPeak ?? 0);
    return {
      baselineBytes: this.baseline,
      peakBytes,
      growthBytes: Math.max(0, peakBytes - this.baseline),
      samples: this.samples,
      source: kernelPeak !== null ? 'VmHWM' : 'sampled',
    };
  }

  private sample(): void {
    const rss = process.memoryUsage.rss();
    this.samples++;
    if (rss > this.peak) this.peak = rss;
  }
}

function resetKernelPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function readKernelPeak(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
