import { cpus, loadavg } from 'node:os';

/**
 * One line on how busy the machine is. Both sides of every ratio run in the
 * same conditions, but a loaded machine penalises CPU-bound work (hashing)
 * more than the kernel-side copy of `cp`, so the reader needs to know.
 */
export function describeMachineLoad(): string {
  const [one, five] = loadavg();
  const cores = cpus().length;
  const busy = (one ?? 0) > cores ? ' — busier than its cores: ratios will be noisy' : '';
  return `load average ${one?.toFixed(2)} (1 min), ${five?.toFixed(2)} (5 min) on ${cores} CPUs${busy}`;
}
