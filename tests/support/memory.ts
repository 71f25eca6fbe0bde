/**
 * Peak growth of live memory (JS heap + ArrayBuffers) while `work` runs, sampled
 * after forced collections so garbage awaiting GC does not count. Needs `--expose-gc`
 * (the `node` test project passes it).
 */
export async function peakRetainedGrowth<T>(work: () => Promise<T>, intervalMs = 10): Promise<{ result: T; growth: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('peakRetainedGrowth needs node --expose-gc');
  const live = () => {
    gc();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const baseline = live();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, live())), intervalMs);
  try {
    const result = await work();
    peak = Math.max(peak, live());
    return { result, growth: peak - baseline };
  } finally {
    clearInterval(timer);
  }
}
