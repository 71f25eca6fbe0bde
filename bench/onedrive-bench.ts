/**
 * `node --expose-gc --import tsx bench/onedrive-bench.ts`: OneDrive uploads
 * through the real backend against a plain HTTPS client speaking the same
 * upload-session protocol with the same fragment size, in the same run, to
 * the Microsoft fake running in its own process (so its work and memory are
 * not counted as ours), both over TLS with the fake's test CA.
 *
 * The backend does more than the raw client — SHA-256 and quickXorHash of
 * every byte, the staging-folder lookup, the check of OneDrive's hash and
 * the final move into its folder — and the ratio says what that costs. Peak
 * RSS growth is sampled while each upload runs; one fragment is the design
 * bound, two the target. RSS also counts garbage not yet collected (the
 * input stream's spent 1 MiB chunks) and memory the allocator keeps; the
 * retained figure (after forced collections) is what the upload holds, and
 * a drain of the input stream alone is printed for comparison.
 *
 * Environment: ONEDRIVE_BENCH_MIB (file size, default 256), ONEDRIVE_BENCH_ROUNDS
 * (default 5), ONEDRIVE_BENCH_FRAGMENT_KIB (default 10240 = 10 MiB, a multiple
 * of 320). This is not a test; nothing here runs under `npm test`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { Agent, request, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OneDriveBackend } from '../src-main/core/storage/onedrive/onedrive-backend';
import { startMicrosoftFakeProcess, type MicrosoftFakeProcess } from '../tests/servers/microsoft-fake/microsoft-fake-process';

const KiB = 1024;
const MiB = 1024 * KiB;
const TARGET = { throughputRatio: 0.9, rssFragments: 2 } as const;

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

interface Measurement {
  readonly ms: number;
  /** Peak resident set size above the level when the upload started. */
  readonly rssGrowth: number;
  /** Peak live memory (JS heap + buffers) after forced collections: what the upload actually holds. */
  readonly retainedGrowth: number;
}

/**
 * Times `work` and samples RSS every 20 ms; with `retained` it also samples
 * live memory after a forced collection (needs --expose-gc). RSS counts
 * garbage V8 has not collected yet (the read stream's spent buffers); the
 * retained figure is what the upload holds on to. Forced collections slow a
 * run, so timed rounds never sample retained memory.
 */
async function measure(work: () => Promise<unknown>, options: { retained: boolean }): Promise<Measurement> {
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
    await work();
    const ms = performance.now() - started;
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    return { ms, rssGrowth: rssPeak - rssBaseline, retainedGrowth: sampleRetained ? livePeak - liveBaseline : Number.NaN };
  } finally {
    clearInterval(timer);
  }
}

function send(url: URL, options: RequestOptions, body?: Buffer | string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const length = body === undefined ? 0 : Buffer.byteLength(body);
    const req = request(url, { ...options, headers: { ...options.headers, 'Content-Length': String(length) } }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

async function readText(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The reference: createUploadSession and the fragments, nothing else — no hashing, no staging, no verification, no move. */
async function rawUpload(fake: MicrosoftFakeProcess, agent: Agent, path: string, size: number, fragmentSize: number): Promise<void> {
  const created = await send(
    new URL(`${fake.httpsUrl}/v1.0/me/drive/root:/raw-${randomUUID()}.bin:/createUploadSession`),
    { method: 'POST', agent, headers: { Authorization: `Bearer ${fake.accessToken}`, 'Content-Type': 'application/json' } },
    JSON.stringify({ item: { '@microsoft.graph.conflictBehavior': 'rename', fileSize: size } }),
  );
  const uploadUrl = new URL((JSON.parse(await readText(created)) as { uploadUrl: string }).uploadUrl);
  const buffer = Buffer.allocUnsafe(fragmentSize);
  const file = await open(path, 'r');
  try {
    for (let offset = 0; offset < size; ) {
      const length = Math.min(fragmentSize, size - offset);
      const { bytesRead } = await file.read(buffer, 0, length, offset);
      if (bytesRead !== length) throw new Error('short read');
      const res = await send(
        uploadUrl,
        { method: 'PUT', agent, headers: { 'Content-Range': `bytes ${offset}-${offset + length - 1}/${size}` } },
        buffer.subarray(0, length),
      );
      res.resume();
      const done = offset + length === size;
      if (res.statusCode !== (done ? 201 : 202)) throw new Error(`raw upload: unexpected ${res.statusCode}`);
      offset += length;
    }
  } finally {
    await file.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const sizeMiB = numberFromEnv('ONEDRIVE_BENCH_MIB', 256);
  const rounds = numberFromEnv('ONEDRIVE_BENCH_ROUNDS', 5);
  const fragmentSize = numberFromEnv('ONEDRIVE_BENCH_FRAGMENT_KIB', 10 * KiB) * KiB;
  const size = sizeMiB * MiB;
  console.log(`DocuVault OneDrive benchmark — node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`${sizeMiB} MiB file, ${mib(fragmentSize)} fragments, ${rounds} rounds, order alternated each round, TLS to the fake`);
  const dir = await mkdtemp(join(tmpdir(), 'docuvault-onedrive-bench-'));
  const fake = await startMicrosoftFakeProcess();
  const backendAgent = new Agent({ ca: fake.caPem, keepAlive: true });
  const rawAgent = new Agent({ ca: fake.caPem, keepAlive: true });
  const backend = new OneDriveBackend({
    graphBaseUrl: `${fake.httpsUrl}/v1.0`,
    accessToken: () => fake.accessToken,
    fragmentSize,
    httpsAgent: backendAgent,
  });
  try {
    const source = join(dir, 'source.bin');
    await writeSourceFile(source, size);
    const viaBackend = () =>
      backend.put({
        body: createReadStream(source, { highWaterMark: MiB }),
        size,
        hint: { documentId: randomUUID(), name: 'bench.bin', folderPath: ['Bench'], contentType: 'application/octet-stream' },
      });
    const viaRaw = () => rawUpload(fake, rawAgent, source, size, fragmentSize);
    // Warm-up: folders, sockets, TLS sessions, JIT.
    await viaBackend();
    await viaRaw();
    const backendRuns: Measurement[] = [];
    const rawRuns: Measurement[] = [];
    const report = (label: string, run: Measurement) => {
      const throughput = size / MiB / (run.ms / 1000);
      const retained = Number.isNaN(run.retainedGrowth) ? '' : `  retained +${mib(run.retainedGrowth)}`;
      console.log(`  ${label.padEnd(18)} ${(run.ms / 1000).toFixed(2)} s  ${throughput.toFixed(0)} MiB/s  RSS +${mib(run.rssGrowth)}${retained}`);
    };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (['backend', 'raw'] as const) : (['raw', 'backend'] as const);
      for (const which of order) {
        const run = await measure(which === 'backend' ? viaBackend : viaRaw, { retained: false });
        (which === 'backend' ? backendRuns : rawRuns).push(run);
        report(`round ${round + 1} ${which}`, run);
      }
    }
    const memoryBackend = await measure(viaBackend, { retained: true });
    report('memory run backend', memoryBackend);
    const memoryRaw = await measure(viaRaw, { retained: true });
    report('memory run raw', memoryRaw);
    // The backend's input, alone: the app reads uploads in 1 MiB chunks, each garbage once copied into the fragment.
    const sourceOnly = await measure(async () => {
      for await (const chunk of createReadStream(source, { highWaterMark: MiB })) void chunk;
    }, { retained: false });
    report('source stream only', sourceOnly);

    const ratio = median(rawRuns.map((r) => r.ms)) / median(backendRuns.map((r) => r.ms));
    const rss = Math.max(...backendRuns.map((r) => r.rssGrowth), memoryBackend.rssGrowth);
    const bound = TARGET.rssFragments * fragmentSize;
    const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSED');
    console.log('');
    console.log(`throughput ratio (raw time / backend time, medians): ${ratio.toFixed(2)}  target ≥ ${TARGET.throughputRatio}  ${verdict(ratio >= TARGET.throughputRatio)}`);
    console.log(`peak RSS growth, backend: ${mib(rss)}  target ≤ ${mib(bound)}  ${verdict(rss <= bound)}  (its 1 MiB-chunk input stream alone: ${mib(sourceOnly.rssGrowth)})`);
    if (!Number.isNaN(memoryBackend.retainedGrowth)) {
      console.log(
        `peak retained growth, backend: ${mib(memoryBackend.retainedGrowth)} (raw client: ${mib(memoryRaw.retainedGrowth)})  target ≤ ${mib(bound)}  ${verdict(memoryBackend.retainedGrowth <= bound)}`,
      );
    } else {
      console.log('(run with node --expose-gc for the retained-memory figures)');
    }
  } finally {
    backend.close();
    backendAgent.destroy();
    rawAgent.destroy();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
