import { fileURLToPath } from 'node:url';
import { MiB } from './stats';

export interface BenchConfig {
  readonly fileBytes: number;
  readonly documents: number;
  readonly uploadRounds: number;
  readonly queryRuns: number;
  readonly probeIntervalMs: number;
  /** Parent of the run's scratch directory; git-ignored by default. */
  readonly workParent: string;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/**
 * The figures by default; environment overrides exist for a quick
 * smoke run (e.g. BENCH_FILE_MIB=64 BENCH_DOCS=5000), not to move the targets.
 */
export function readConfig(): BenchConfig {
  return {
    fileBytes: positiveInt('BENCH_FILE_MIB', 1024) * MiB,
    documents: positiveInt('BENCH_DOCS', 100_000),
    uploadRounds: positiveInt('BENCH_ROUNDS', 5),
    queryRuns: positiveInt('BENCH_QUERY_RUNS', 20),
    probeIntervalMs: positiveInt('BENCH_PROBE_INTERVAL_MS', 10),
    workParent: process.env.BENCH_WORK_DIR || fileURLToPath(new URL('../.work/', import.meta.url)),
  };
}
