/**
 * `node --expose-gc --import tsx bench/drive-bench.ts`: Google Drive uploads through the
 * real backend against a plain HTTP client speaking the same resumable
 * protocol with the same chunk size, in the same run, to the Google fake
 * running in its own process (so its memory is not counted as ours).
 *
 * The backend does more than the raw client — SHA-256 and MD5 of every byte,
 * the folder lookup, the check of Drive's checksums and the final metadata
 * PATCH — and the ratio says what that costs. Peak RSS growth is sampled
 * while each upload runs; one chunk is the design bound.
 *
 * Environment: DRIVE_BENCH_MIB (file size, default 256), DRIVE_BENCH_ROUNDS (default 5),
 * DRIVE_BENCH_CHUNK_MIB (default 8). This is not a test; nothing here runs under `npm test`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { driveEndpointsAt } from '../src-main/core/storage/google-drive/drive-backend-options';
import { GoogleDriveBackend } from '../src-main/core/storage/google-drive/google-drive-backend';
import { startGoogleFakeProcess, type GoogleFakeProcess } from '../tests/servers/google-fake/google-fake-process';

const MiB = 1024 * 1024;
const TARGET = { throughputRatio: 0.9, rssChunks: 2 } as const;

const numberFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

async function writeSourceFile(path: string, bytes: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const block = randomBytes(4 * MiB);
    for (let written = 0; written < bytes; written += block.length) {
      block.writeUInt32LE(written >>> 0, 0);
      await handle.write(block, 0, Math.min(block.length, bytes - written));
    }
  } finally {
    await handle.close();
  }
}

interface Measurement<T> {
  readonly result: T;
  readonly ms: number;
  /** Peak resident set size above the level when the upload started. */
  readonly rssGrowth: number;
  /** Peak live memory (JS heap + buffers) after forced collections: what the upload actually holds. */
  readonly retainedGrowth: number;
}

/**
 * Times `work` and samples RSS every 20 ms. With `retained` it also samples
 * live memory after a forced collection (needs --expose-gc): RSS counts
 * garbage V8 has not collected yet — the source stream's spent read buffers —
 * while the retained figure shows what the upload holds on to. Forced
 * collections slow the run, so timed rounds never sample retained memory.
 */
async function measure<T>(work: () => Promise<T>, options: { retained: boolean }): Promise<Measurement<T>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const live = () => {
    gc?.();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  gc?.();
  const rssBaseline = process.memoryUsage.rss();
  const liveBaseline = live();
  let rssPeak = rssBaseline;
  let livePeak = liveBaseline;
  const sampleRetained = options.retained && gc !== undefined;
  const timer = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    if (sampleRetained) livePeak = Math.max(livePeak, live());
  }, 20);
  const started = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - started;
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    return { result, ms, rssGrowth: rssPeak - rssBaseline, retainedGrowth: sampleRetained ? livePeak - liveBaseline : Number.NaN };
  } finally {
    clearInterval(timer);
  }
}

function send(url: URL, method: string, headers: Record<string, string>, body?: Buffer): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { ...headers, 'Content-Length': String(body?.length ?? 0) } }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

/** The reference: the resumable protocol with nothing else — no hashing, no folders, no verification. */
async function rawUpload(fake: GoogleFakeProcess, path: string, size: number, chunkSize: number): Promise<void> {
  const start = await send(
    new URL(`${fake.url}/upload/drive/v3/files?uploadType=resumable&fields=id`),
    'POST',
    { Authorization: `Bearer ${fake.accessToken}`, 'Content-Type': 'application/json', 'X-Upload-Content-Length': String(size) },
    Buffer.from(JSON.stringify({ name: `raw-${randomUUID()}.bin` })),
  );
  start.resume();
  const session = new URL(start.headers.location!);
  const buffer = Buffer.allocUnsafe(chunkSize);
  const file = await open(path, 'r');
  try {
    for (let offset = 0; offset < size; ) {
      const length = Math.min(chunkSize, size - offset);
      const { bytesRead } = await file.read(buffer, 0, length, offset);
      if (bytesRead !== length) throw new Error('short read');
      const res = await send(session, 'PUT', { 'Content-Range': `bytes ${offset}-${offset + length - 1}/${size}` }, buffer.subarray(0, length));
      res.resume();
      const done = offset + length === size;
      if (res.statusCode !== (done ? 200 : 308)) throw new Error(`raw upload: unexpected ${res.statusCode}`);
      offset += length;
    }
  } finally {
    await file.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const sizeMiB = numberFromEnv('DRIVE_BENCH_MIB', 256);
  const rounds = numberFromEnv('DRIVE_BENCH_ROUNDS', 5);
  const chunkSize = numberFromEnv('DRIVE_BENCH_CHUNK_MIB', 8) * MiB;
  const size = sizeMiB * MiB;
  console.log(`DocuVault Google Drive benchmark — node ${process.version}, ${cpus().length} CPUs`);
  console.log(`${sizeMiB} MiB file, ${mib(chunkSize)} chunks, ${rounds} rounds, order alternated each round`);
  const dir = await mkdtemp(join(tmpdir(), 'docuvault-drive-bench-'));
  const fake = await startGoogleFakeProcess();
  const backend = new GoogleDriveBackend({
    ...driveEndpointsAt(fake.url),
    accessToken: () => fake.accessToken,
    chunkSize,
  });
  try {
    const source = join(dir, 'source.bin');
    await writeSourceFile(source, size);
    const viaBackend = async () =>
      backend.put({
        body: createReadStream(source, { highWaterMark: MiB }),
        size,
        hint: { documentId: randomUUID(), name: 'bench.bin', folderPath: ['Bench'], contentType: 'application/octet-stream' },
      });
    const viaRaw = () => rawUpload(fake, source, size, chunkSize);
    // Warm-up: folder creation, sockets, JIT.
    await viaBackend();
    await viaRaw();
    const backendRuns: Array<Measurement<unknown>> = [];
    const rawRuns: Array<Measurement<unknown>> = [];
    const report = (label: string, run: Measurement<unknown>) => {
      const throughput = size / MiB / (run.ms / 1000);
      const retained = Number.isNaN(run.retainedGrowth) ? '' : `  retained +${mib(run.retainedGrowth)}`;
      console.log(`  ${label.padEnd(18)} ${(run.ms / 1000).toFixed(2)} s  ${throughput.toFixed(0)} MiB/s  RSS +${mib(run.rssGrowth)}${retained}`);
    };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (['backend', 'raw'] as const) : (['raw', 'backend'] as const);
      for (const which of order) {
        const run = await measure<unknown>(which === 'backend' ? viaBackend : viaRaw, { retained: false });
        (which === 'backend' ? backendRuns : rawRuns).push(run);
        report(`round ${round + 1} ${which}`, run);
      }
    }
    const memoryBackend = await measure(viaBackend, { retained: true });
    report('memory run backend', memoryBackend);
    const memoryRaw = await measure(viaRaw, { retained: true });
    report('memory run raw', memoryRaw);

    const ratio = median(rawRuns.map((r) => r.ms)) / median(backendRuns.map((r) => r.ms));
    const rss = Math.max(...backendRuns.map((r) => r.rssGrowth), memoryBackend.rssGrowth);
    const bound = TARGET.rssChunks * chunkSize;
    const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSED');
    console.log('');
    console.log(`throughput ratio (raw time / backend time, medians): ${ratio.toFixed(2)}  target ≥ ${TARGET.throughputRatio}  ${verdict(ratio >= TARGET.throughputRatio)}`);
    console.log(`peak RSS growth, backend: ${mib(rss)}  target ≤ ${mib(bound)}  ${verdict(rss <= bound)}`);
    if (!Number.isNaN(memoryBackend.retainedGrowth)) {
      console.log(`peak retained growth, backend: ${mib(memoryBackend.retainedGrowth)} (raw client: ${mib(memoryRaw.retainedGrowth)})  target ≤ ${mib(bound)}  ${verdict(memoryBackend.retainedGrowth <= bound)}`);
    } else {
      console.log('(run with node --expose-gc for the retained-memory figures)');
    }
  } finally {
    backend.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
