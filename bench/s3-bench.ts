/**
 * S3 upload benchmark (not a test; nothing here runs under `npm test`):
 *
 *   node --expose-gc --import tsx bench/s3-bench.ts
 *   S3_BENCH_MIB=256 S3_BENCH_ROUNDS=3 node --expose-gc --import tsx bench/s3-bench.ts
 *
 * Uploads one generated file (1 GiB by default) to s3rver (a child process on
 * loopback) through S3Backend and through the raw minio client, in the same
 * run, rotating the order each round, and prints the throughput ratio and the
 * peak RSS growth of each, plus the live-memory growth after forced collections.
 *
 * The judged row is what the app does with a dropped file: the upload manager
 * opens it and hands the open FileHandle to `backend.putFile`, which reads it
 * in place into its one part buffer. Targets: ≥ 0.9 of raw throughput, RSS
 * growth ≤ 2 parts.
 *
 * The stream row is the path for bytes that come without a file (bytes or a
 * stream from the renderer, a copy between backends): `backend.put` fed a
 * stream with the app's 1 MiB reads (documents/upload-sources.ts). It is shown
 * for information and not judged against the file targets: the backend still
 * retains one part, but every read hands over a fresh 1 MiB chunk, and dead
 * chunks pile up in RSS until V8 next collects (tens of MiB) — garbage of the
 * source, which is exactly what `putFile` exists to avoid.
 *
 * The raw reference is the minio client's own multipart calls (create, one
 * uploadPart per 8 MiB read from the file into one reused buffer, complete):
 * its high-level putObject with a stream larger than one part first calls
 * ListMultipartUploads, which s3rver does not implement (NotImplemented), so it
 * cannot upload this file here at all. The raw side therefore does the same
 * protocol work with nothing else (it too SHA-256s every part: SigV4 payload
 * signing over http). What the backend adds is our SHA-256 of the file, the
 * metadata copy onto itself and the verifying HEAD (no Content-MD5 per part
 * over http); the ratio measures exactly that.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'minio';
import { S3Backend } from '../src-main/core/storage/s3/s3-backend';
import { DEFAULT_PART_SIZE } from '../src-main/core/storage/s3/s3-config';
import { S3RVER_CREDENTIALS, startS3Server, type S3TestServer } from '../tests/servers/s3-server';
import { putLocalFile, putStream, writeSourceFile } from './support/cloud-upload-bench';

const MiB = 1024 * 1024;
const FILE_BYTES = Number(process.env.S3_BENCH_MIB ?? 1024) * MiB;
const ROUNDS = Number(process.env.S3_BENCH_ROUNDS ?? 2);
const PART_SIZE = DEFAULT_PART_SIZE;
const TARGET = { throughputRatio: 0.9, rssGrowthBytes: 2 * PART_SIZE } as const;

interface Measurement {
  readonly seconds: number;
  /** CPU time of this process (not s3rver's): what a side costs whatever else the machine is doing. */
  readonly cpuSeconds: number;
  readonly rssGrowthBytes: number;
}

/** Peak RSS growth of this process while `work` runs: the kernel's high-water mark where available, else samples. */
async function measure(work: () => Promise<void>): Promise<Measurement> {
  (globalThis as { gc?: () => void }).gc?.();
  const kernelPeak = await resetKernelPeak();
  const baseline = process.memoryUsage.rss();
  let sampledPeak = baseline;
  const timer = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())), 5);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const peak = Math.max(sampledPeak, process.memoryUsage.rss(), kernelPeak ? await readKernelPeak() : 0);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rssGrowthBytes: Math.max(0, peak - baseline) };
}

/**
 * Peak growth of live memory (JS heap + ArrayBuffers, sampled after forced
 * collections): what the upload retains, as opposed to RSS, which also counts
 * garbage not yet collected and memory the allocator keeps. Slows the upload,
 * so it runs apart from the timed rounds. Null without --expose-gc.
 */
async function measureLive(work: () => Promise<void>): Promise<number | null> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  const live = () => {
    gc();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const baseline = live();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, live())), 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, live()) - baseline;
}

async function resetKernelPeak(): Promise<boolean> {
  try {
    await writeFile('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

async function readKernelPeak(): Promise<number> {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(await readFile('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** The minio client's multipart calls with nothing added: read a part into one buffer, send it, repeat. */
async function uploadRaw(client: Client, bucket: string, path: string): Promise<string> {
  const key = `raw/${randomUUID()}.bin`;
  const uploadId = await client.initiateNewMultipartUpload(bucket, key, {});
  const buffer = Buffer.allocUnsafe(PART_SIZE);
  const etags: Array<{ part: number; etag: string }> = [];
  const file = await open(path, 'r');
  try {
    for (let offset = 0, part = 1; offset < FILE_BYTES; offset += PART_SIZE, part++) {
      const length = Math.min(PART_SIZE, FILE_BYTES - offset);
      const { bytesRead } = await file.read(buffer, 0, length, offset);
      const { etag } = await client.uploadPart({ bucketName: bucket, objectName: key, uploadID: uploadId, partNumber: part, headers: {} }, buffer.subarray(0, bytesRead));
      etags.push({ part, etag });
    }
  } finally {
    await file.close();
  }
  await client.completeMultipartUpload(bucket, key, uploadId, etags);
  return key;
}

const mibps = (m: Measurement) => FILE_BYTES / MiB / m.seconds;
/** The middle value; with an even count the mean of the two middle ones (not the upper one, which would flatter two rounds). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
const formatMiB = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

async function main(): Promise<void> {
  if (!(globalThis as { gc?: () => void }).gc) console.log('(run with --expose-gc for steadier RSS baselines)');
  console.log(`DocuVault S3 benchmark — node ${process.version}, ${cpus().length} CPUs; ${formatMiB(FILE_BYTES)} file, ${formatMiB(PART_SIZE)} parts, ${ROUNDS} rounds`);
  await mkdir(join('bench', '.work'), { recursive: true });
  const work = await mkdtemp(join('bench', '.work', 's3-bench-'));
  let server: S3TestServer | null = null;
  try {
    const source = join(work, 'source.bin');
    await writeSourceFile(source, FILE_BYTES);
    server = await startS3Server();
    const url = new URL(server.url);
    const backend = new S3Backend({ endpoint: server.url, region: 'us-east-1', bucket: server.bucket, pathStyle: true }, S3RVER_CREDENTIALS);
    const raw = new Client({
      endPoint: url.hostname,
      port: Number(url.port),
      useSSL: false,
      region: 'us-east-1',
      pathStyle: true,
      accessKey: S3RVER_CREDENTIALS.accessKeyId,
      secretKey: S3RVER_CREDENTIALS.secretAccessKey,
    });
    const bucket = server.bucket;
    const sides = {
      'backend putFile (file)': async () => (await putLocalFile(backend, source, FILE_BYTES)).key,
      'backend put (stream)': async () => (await putStream(backend, source, FILE_BYTES)).key,
      'raw minio multipart': () => uploadRaw(raw, bucket, source),
    } as const;
    type Side = keyof typeof sides;
    const judged: Side = 'backend putFile (file)';
    const names = Object.keys(sides) as Side[];
    const runs = new Map<Side, Measurement[]>(names.map((name) => [name, []]));
    // One unmeasured upload per side first: JIT, sockets and heap sizing are paid once per process, not per upload.
    for (const side of names) await raw.removeObject(bucket, await sides[side]());
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order so no side always runs first (cold) or last (after the others' garbage).
      const order = names.map((_, i) => names[(i + round) % names.length]!);
      for (const side of order) {
        let key = '';
        const result = await measure(async () => {
          key = await sides[side]();
        });
        runs.get(side)!.push(result);
        console.log(`  round ${round + 1}  ${side.padEnd(24)} ${mibps(result).toFixed(1).padStart(7)} MiB/s   CPU ${result.cpuSeconds.toFixed(2)} s   RSS +${formatMiB(result.rssGrowthBytes)}`);
        // Keep s3rver's disk use to one object at a time.
        await raw.removeObject(bucket, key);
      }
    }
    const liveGrowth = new Map<Side, number | null>();
    for (const side of names) {
      let key = '';
      liveGrowth.set(
        side,
        await measureLive(async () => {
          key = await sides[side]();
        }),
      );
      await raw.removeObject(bucket, key);
    }
    const speed = (side: Side) => median(runs.get(side)!.map(mibps));
    const cpu = (side: Side) => median(runs.get(side)!.map((m) => m.cpuSeconds));
    const rss = (side: Side) => Math.max(...runs.get(side)!.map((m) => m.rssGrowthBytes));
    // Ratios are taken within each round (same disk and cache state), then the median across rounds.
    const rawRuns = runs.get('raw minio multipart')!;
    const ratioToRaw = (side: Side) => median(runs.get(side)!.map((m, round) => mibps(m) / mibps(rawRuns[round]!)));
    const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
    console.log('');
    console.log(`${'side'.padEnd(24)} ${'MiB/s (median)'.padStart(15)} ${'÷ raw'.padStart(7)} ${'CPU s'.padStart(6)} ${'RSS growth'.padStart(11)} ${'live growth'.padStart(12)}`);
    for (const side of names) {
      const ratio = ratioToRaw(side);
      console.log(
        `${side.padEnd(24)} ${speed(side).toFixed(1).padStart(15)} ${ratio.toFixed(3).padStart(7)} ${cpu(side).toFixed(2).padStart(6)} ${formatMiB(rss(side)).padStart(11)} ${(liveGrowth.get(side) === null ? 'n/a' : formatMiB(liveGrowth.get(side)!)).padStart(12)}` +
          (side === judged
            ? `   throughput ${verdict(ratio >= TARGET.throughputRatio)} (≥ ${TARGET.throughputRatio}), RSS ${verdict(rss(side) <= TARGET.rssGrowthBytes)} (≤ ${formatMiB(TARGET.rssGrowthBytes)})`
            : side === 'raw minio multipart'
              ? ''
              : '   (information: bytes without a file; not judged)'),
      );
    }
    console.log(
      '÷ raw: median of per-round ratios. CPU s: median CPU time of this process per upload (s3rver excluded). RSS growth: worst round (kernel high-water mark). Live growth: one extra run sampled after forced GCs.',
    );
  } finally {
    await server?.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
