import { setTimeout as sleep } from 'node:timers/promises';
import { startLatencyProbe, type ProbeReport } from './latency-probe';
import { flushDirtyPages } from './raw-copy';
import { removeUploaded, uploadThroughVault } from './vault-upload';
import type { VaultSession } from './vault-session';

export interface ResponsivenessReport {
  readonly idle: ProbeReport;
  readonly busy: ProbeReport;
  readonly uploadMs: number;
}

export interface ResponsivenessOptions {
  readonly session: VaultSession;
  readonly source: string;
  readonly sourceSha256: string;
  readonly intervalMs: number;
  readonly idleMs: number;
}

/**
 * Polls `documents:list` (50 rows) the way a window refreshing its list would,
 * first with main idle (the same-run reference) and then while a large upload
 * streams through the same process.
 */
export async function measureResponsiveness(options: ResponsivenessOptions): Promise<ResponsivenessReport> {
  const { session } = options;
  const call = () => session.call('documents:list', { limit: 50 });
  flushDirtyPages();
  const idleProbe = startLatencyProbe(call, options.intervalMs);
  await sleep(options.idleMs);
  const idle = await idleProbe.stop();

  const busyProbe = startLatencyProbe(call, options.intervalMs);
  const upload = await uploadThroughVault(session, options.source, options.sourceSha256);
  const busy = await busyProbe.stop();
  await removeUploaded(session, upload.documentId);
  return { idle, busy, uploadMs: upload.ms };
}
