import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { collectGarbage } from './gc';
import { flushDirtyPages, timeDurableCopy, timePlainCopy } from './raw-copy';
import { RssSampler, type RssReport } from './rss-sampler';
import { formatMiB, formatMs, formatRate } from './stats';
import { removeUploaded, uploadThroughVault } from './vault-upload';
import type { VaultSession } from './vault-session';

export interface UploadComparison {
  readonly plainCopyMs: number[];
  readonly durableCopyMs: number[];
  /** SHA-256 of the source alone (read from the page cache, hashed here): the floor for any upload that hashes. */
  readonly hashOnlyMs: number[];
  readonly vaultMs: number[];
  readonly vaultRss: RssReport[];
  /** CPU time (user + system, all threads) the process spent per vault upload. */
  readonly vaultCpuMs: number[];
  /** Share of the upload's wall time the main thread was busy (event-loop utilisation). */
  readonly vaultMainThreadBusy: number[];
}

type Contender = 'cp' | 'cp+fsync' | 'sha256 only' | 'vault';
const CONTENDERS: readonly Contender[] = ['cp', 'cp+fsync', 'sha256 only', 'vault'];

export interface UploadComparisonOptions {
  readonly session: VaultSession;
  readonly source: string;
  readonly sourceBytes: number;
  readonly sourceSha256: string;
  /** Where `cp` writes: on the same filesystem as the vault. */
  readonly copyPath: string;
  readonly rounds: number;
}

/**
 * Times the vault upload against `cp` and `cp` + fsync of the same file, in
 * the same run. The order rotates every round so neither side always runs
 * first (or always runs on a disk still settling from the other's writes),
 * and every trial starts after a global `sync`.
 */
export async function compareUploadWithCopies(options: UploadComparisonOptions): Promise<UploadComparison> {
  const result: UploadComparison = { plainCopyMs: [], durableCopyMs: [], hashOnlyMs: [], vaultMs: [], vaultRss: [], vaultCpuMs: [], vaultMainThreadBusy: [] };
  for (let round = 0; round < options.rounds; round++) {
    const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length]!);
    const parts: string[] = [];
    for (const contender of order) {
      flushDirtyPages();
      const ms = await runTrial(contender, options, result);
      parts.push(`${contender} ${formatMs(ms)} (${formatRate(options.sourceBytes, ms)})`);
    }
    const rss = result.vaultRss.at(-1)!;
    const cpu = result.vaultCpuMs.at(-1)!;
    const busy = result.vaultMainThreadBusy.at(-1)!;
    console.log(
      `  round ${round + 1}: ${parts.join(', ')}; vault RSS +${formatMiB(rss.growthBytes)}, ` +
        `CPU ${formatMs(cpu)}, main thread busy ${(busy * 100).toFixed(0)}%`,
    );
  }
  flushDirtyPages();
  return result;
}

async function runTrial(contender: Contender, options: UploadComparisonOptions, result: UploadComparison): Promise<number> {
  switch (contender) {
    case 'cp': {
      const ms = await timePlainCopy(options.source, options.copyPath);
      result.plainCopyMs.push(ms);
      await rm(options.copyPath, { force: true });
      return ms;
    }
    case 'cp+fsync': {
      const ms = await timeDurableCopy(options.source, options.copyPath);
      result.durableCopyMs.push(ms);
      await rm(options.copyPath, { force: true });
      return ms;
    }
    case 'sha256 only': {
      const ms = await timeHashOnly(options.source);
      result.hashOnlyMs.push(ms);
      return ms;
    }
    case 'vault': {
      // Baseline after a full GC, so earlier garbage neither hides nor inflates the growth.
      collectGarbage();
      const sampler = new RssSampler();
      const cpuBefore = process.cpuUsage();
      const loopBefore = performance.eventLoopUtilization();
      sampler.start();
      const upload = await uploadThroughVault(options.session, options.source, options.sourceSha256);
      result.vaultRss.push(sampler.stop());
      const cpu = process.cpuUsage(cpuBefore);
      result.vaultCpuMs.push((cpu.user + cpu.system) / 1000);
      result.vaultMainThreadBusy.push(performance.eventLoopUtilization(loopBefore).utilization);
      result.vaultMs.push(upload.ms);
      await removeUploaded(options.session, upload.documentId);
      return upload.ms;
    }
  }
}

/** Reads the file in 1 MiB pieces into one buffer and hashes it: no writes, no disk, nothing else. */
async function timeHashOnly(path: string): Promise<number> {
  const start = performance.now();
  const file = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    for (let position = 0; ; ) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
    hash.digest();
  } finally {
    await file.close();
  }
  return performance.now() - start;
}
