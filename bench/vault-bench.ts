/**
 * `npm run bench`: the local vault against raw clients, in one run.
 *
 * 1. A 1 GiB upload through the real core vs `cp` and `cp` + fsync of the same
 *    file on the same filesystem (wall-time ratios, peak RSS growth). The
 *    judged ratio is against `cp` + fsync: the vault promises the bytes are on
 *    disk before a document is ready, which plain `cp` does not. SHA-256 of the
 *    file alone is timed too: every upload must hash, and on a machine whose
 *    page cache outruns SHA-256 that floor is already above 1.3× plain `cp`.
 * 2. `documents:list` latency while that upload streams (main stays responsive).
 * 3. 100,000 seeded documents: first page, folder page and name searches
 *    through the router, with the raw SQL as reference and the query plans.
 *
 * Ratios, not absolute timings, are the point: both sides run on this machine,
 * in this run. This is not a test; nothing here runs under `npm test`.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { readConfig } from './support/config';
import { warmPageCache, writePatternFile } from './support/file-generator';
import { describePlans, measureListings, type ListingCase, type ListingMeasurement } from './support/listing-queries';
import { describeMachineLoad } from './support/machine-load';
import { killRunningCommands } from './support/run-command';
import { judge, printTable, section, type ResultRow } from './support/report';
import { measureResponsiveness, type ResponsivenessReport } from './support/responsiveness';
import { seedDocuments } from './support/seed-documents';
import { formatMiB, formatMs, formatRatio, maximum, median, minimum, MiB, percentile } from './support/stats';
import { compareUploadWithCopies, type UploadComparison } from './support/upload-comparison';
import { openVaultSession, type VaultSession } from './support/vault-session';
import { WorkDir } from './support/work-dir';

const TARGET = {
  /** Upload wall time ÷ `cp` + fsync of the same file (the like-for-like durable copy). */
  uploadRatio: 1.3,
  rssGrowthBytes: 64 * MiB,
  probeP99Ms: 50,
  listingMs: 20,
} as const;

const FOLDER_NAMES = ['Finance', 'Receipts', 'Work', 'Scans'];

async function main(work: WorkDir): Promise<ResultRow[]> {
  const config = readConfig();
  const sourcePath = work.path('source.bin');
  const vaultDir = work.path('vault');
  console.log(`DocuVault vault benchmark — node ${process.version}, ${cpus().length} CPUs, ${process.platform}`);
  console.log(`work dir ${work.root}`);
  console.log(describeMachineLoad());
  // Source + one copy or one vault object at a time, plus room for the database and slack.
  work.requireFreeBytes(2 * config.fileBytes + 512 * MiB);

  section(`generating a ${formatMiB(config.fileBytes)} source file`);
  const generateStart = performance.now();
  const { sha256 } = await writePatternFile(sourcePath, config.fileBytes);
  await warmPageCache(sourcePath);
  console.log(`  written, synced and read back once in ${formatMs(performance.now() - generateStart)} (sha256 ${sha256.slice(0, 16)}…)`);

  let session: VaultSession | null = await openVaultSession(vaultDir);
  // A Ctrl-C mid-run must not leave SQLite holding files that are about to be removed.
  work.onCleanup(() => session?.core.db.close());

  section(`upload vs cp, ${config.uploadRounds} rounds, order rotated each round`);
  const uploads = await compareUploadWithCopies({
    session,
    source: sourcePath,
    sourceBytes: config.fileBytes,
    sourceSha256: sha256,
    copyPath: work.path('cp-copy.bin'),
    rounds: config.uploadRounds,
  });

  section(`seeding ${config.documents.toLocaleString('en-US')} documents`);
  const folderIds = [session.defaultFolderId, ...FOLDER_NAMES.map((name) => session!.core.folders.create(name, null).id)];
  const seed = seedDocuments({
    db: session.core.db,
    folderIds,
    count: config.documents,
    from: new Date('2015-01-01T00:00:00Z'),
    to: new Date('2025-06-30T00:00:00Z'),
  });
  console.log(`  ${seed.inserted.toLocaleString('en-US')} rows (FTS index filled by triggers) in ${formatMs(seed.ms)}, one transaction`);
  await session.close();
  session = null;

  section(`listing and search, median of ${config.queryRuns} after a cold first call (fresh connection each)`);
  const cases: ListingCase[] = [
    { label: 'first page, all documents (200, newest first)', payload: { limit: 200 } },
    { label: 'first page, one folder (200, newest first)', payload: { folderId: folderIds[1]!, limit: 200 } },
    { label: "search 'invoice 2024' (FTS trigram)", payload: { search: 'invoice 2024', limit: 200 } },
    { label: "search 'q3' (2 chars, no FTS)", payload: { search: 'q3', limit: 200 } },
  ];
  const listings = await measureListings(vaultDir, cases, config.queryRuns);
  for (const m of listings) {
    console.log(
      `  ${m.label}: cold ${formatMs(m.coldMs)}, median ${formatMs(m.medianMs)}, p95 ${formatMs(m.p95Ms)}; ` +
        `raw SQL ${formatMs(m.rawMedianMs)} (router ${formatRatio(m.medianMs / m.rawMedianMs)}); ` +
        `${m.rows} rows of ${m.total.toLocaleString('en-US')}; indexes: ${m.indexes.join(', ') || 'none'}`,
    );
    if (m.concerns.length || m.medianMs > TARGET.listingMs || m.coldMs > TARGET.listingMs) {
      console.log(`  plan (${m.concerns.join('; ') || 'target missed'}):\n${describePlans(m)}`);
    }
  }

  section(`documents:list every ${config.probeIntervalMs} ms, idle and during a ${formatMiB(config.fileBytes)} upload (${config.documents.toLocaleString('en-US')} documents in the vault)`);
  session = await openVaultSession(vaultDir);
  const responsiveness = await measureResponsiveness({
    session,
    source: sourcePath,
    sourceSha256: sha256,
    intervalMs: config.probeIntervalMs,
    idleMs: 2000,
  });
  await session.close();
  session = null;
  printProbe('idle', responsiveness.idle);
  printProbe(`upload (${formatMs(responsiveness.uploadMs)})`, responsiveness.busy);

  console.log(`\n${describeMachineLoad()}`);
  return [
    ...uploadRows(uploads, config.fileBytes, config.uploadRounds),
    ...responsivenessRows(responsiveness, minimum(uploads.vaultMs)),
    ...listingRows(listings),
  ];
}

function printProbe(label: string, report: ResponsivenessReport['idle']): void {
  const r = report.responseMs;
  console.log(
    `  ${label}: ${r.length} calls; response p50 ${formatMs(percentile(r, 50))}, p99 ${formatMs(percentile(r, 99))}, max ${formatMs(maximum(r))}; ` +
      `in-call p99 ${formatMs(percentile(report.callMs, 99))}; event-loop delay p99 ${formatMs(report.loopDelayP99Ms)}, max ${formatMs(report.loopDelayMaxMs)}`,
  );
}

function uploadRows(u: UploadComparison, bytes: number, rounds: number): ResultRow[] {
  const size = formatMiB(bytes);
  const bestDurable = minimum(u.vaultMs) / minimum(u.durableCopyMs);
  const medianDurable = median(u.vaultMs) / median(u.durableCopyMs);
  const bestPlain = minimum(u.vaultMs) / minimum(u.plainCopyMs);
  const medianPlain = median(u.vaultMs) / median(u.plainCopyMs);
  const rssGrowth = maximum(u.vaultRss.map((r) => r.growthBytes));
  return [
    {
      // Best of rounds: interference on a shared disk only ever adds time, so the minimum is the cleanest estimate.
      metric: `upload ${size} ÷ cp+fsync (best of ${rounds})`,
      measured: `${formatRatio(bestDurable)} (median ${formatRatio(medianDurable)})`,
      target: `≤ ${formatRatio(TARGET.uploadRatio)}`,
      verdict: judge(bestDurable <= TARGET.uploadRatio),
    },
    {
      metric: `upload ${size} ÷ plain cp (best of ${rounds})`,
      measured: `${formatRatio(bestPlain)} (median ${formatRatio(medianPlain)})`,
      target: 'info: cp does not fsync',
      verdict: 'info',
    },
    {
      metric: 'upload / cp+fsync / cp wall time (best)',
      measured: `${formatMs(minimum(u.vaultMs))} / ${formatMs(minimum(u.durableCopyMs))} / ${formatMs(minimum(u.plainCopyMs))}`,
      target: 'info',
      verdict: 'info',
    },
    {
      // Why plain cp cannot be the yardstick: hashing the file alone already takes longer than 1.3× cp here.
      metric: `SHA-256 of the file alone ÷ plain cp (best)`,
      measured: `${formatRatio(minimum(u.hashOnlyMs) / minimum(u.plainCopyMs))} (${formatMs(minimum(u.hashOnlyMs))})`,
      target: 'info: floor of any hashing upload',
      verdict: 'info',
    },
    {
      metric: 'vault upload CPU (all threads) / main thread busy',
      measured: `${formatMs(median(u.vaultCpuMs))} / ${(median(u.vaultMainThreadBusy) * 100).toFixed(0)}% (medians)`,
      target: 'info',
      verdict: 'info',
    },
    {
      metric: `peak RSS growth during upload (worst of ${rounds}, ${u.vaultRss[0]?.source ?? 'n/a'})`,
      measured: formatMiB(rssGrowth),
      target: `≤ ${formatMiB(TARGET.rssGrowthBytes)}`,
      verdict: judge(rssGrowth <= TARGET.rssGrowthBytes),
    },
  ];
}

function responsivenessRows(r: ResponsivenessReport, unpolledUploadMs: number): ResultRow[] {
  const busy = r.busy.responseMs;
  const idle = r.idle.responseMs;
  return [
    {
      // The other direction of responsiveness: slow list calls hold the thread the upload's I/O callbacks need.
      metric: 'upload while polling documents:list',
      measured: `${formatMs(r.uploadMs)} (${formatRatio(r.uploadMs / unpolledUploadMs)} the unpolled best)`,
      target: 'info',
      verdict: 'info',
    },
    {
      metric: 'documents:list(50) during upload p50/p99/max',
      measured: `${formatMs(percentile(busy, 50))} / ${formatMs(percentile(busy, 99))} / ${formatMs(maximum(busy))}`,
      target: `p99 ≤ ${TARGET.probeP99Ms} ms`,
      verdict: judge(percentile(busy, 99) <= TARGET.probeP99Ms),
    },
    {
      metric: 'documents:list(50) idle p50/p99/max',
      measured: `${formatMs(percentile(idle, 50))} / ${formatMs(percentile(idle, 99))} / ${formatMs(maximum(idle))}`,
      target: 'info: same-run reference',
      verdict: 'info',
    },
  ];
}

function listingRows(listings: readonly ListingMeasurement[]): ResultRow[] {
  return listings.map((m) => ({
    metric: m.label,
    measured: `${formatMs(m.medianMs)} (cold ${formatMs(m.coldMs)}, raw ${formatMs(m.rawMedianMs)})`,
    target: `median ≤ ${TARGET.listingMs} ms`,
    verdict: judge(m.medianMs <= TARGET.listingMs),
  }));
}

const work = WorkDir.create(readConfig().workParent);
work.onCleanup(killRunningCommands);
try {
  const rows = await main(work);
  section('summary');
  printTable(rows);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
} finally {
  work.cleanup();
}
