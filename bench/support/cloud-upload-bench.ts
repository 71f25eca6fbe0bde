/**
 * What the Google Drive and OneDrive benchmarks share: the source file, the
 * raw client's plumbing, timing with memory sampling, and the rounds that
 * compare the real backend with a raw client of the same upload protocol.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import type { PutResult, StorageBackend } from '../../src-main/core/storage/storage-backend';

const MiB = 1024 * 1024;

export const numberFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;

/** Upper middle of the sorted values (no averaging: a real run's time). */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Random bytes, so nothing on the way can compress them; each 4 MiB block is stamped so blocks differ. */
export async function writeSourceFile(path: string, bytes: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const block = randomBytes(4 * MiB);
    for (let written = 0; written < bytes; written += block.length) {
      block.writeUInt32LE(written >>> 0, 0);
      await handle.write(block, 0, Math.min(block.length, bytes - written));
    }
    // On disk before any timing starts, so no trial pays for the generator's write-back.
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** One request with its body whole in memory; HTTP or HTTPS by the URL. */
export function send(url: URL, options: RequestOptions, body?: Buffer | string): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const length = body === undefined ? 0 : Buffer.byteLength(body);
    const req = request(url, { ...options, headers: { ...options.headers, 'Content-Length': String(length) } }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The raw client's upload loop: the file in chunks of one reused buffer, each
 * handed to `put` with its `Content-Range` (both protocols use the same form).
 */
export async function putFileInChunks(
  path: string,
  size: number,
  chunkSize: number,
  put: (chunk: Buffer, contentRange: string, last: boolean) => Promise<void>,
): Promise<void> {
  const buffer = Buffer.allocUnsafe(chunkSize);
  const file = await open(path, 'r');
  try {
    for (let offset = 0; offset < size; ) {
      const length = Math.min(chunkSize, size - offset);
      const { bytesRead } = await file.read(buffer, 0, length, offset);
      if (bytesRead !== length) throw new Error('short read');
      await put(buffer.subarray(0, length), `bytes ${offset}-${offset + length - 1}/${size}`, offset + length === size);
      offset += length;
    }
  } finally {
    await file.close();
  }
}

export interface Measurement {
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
export async function measure(work: () => Promise<unknown>, options: { retained: boolean }): Promise<Measurement> {
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

export interface BackendVersusRawOptions {
  readonly size: number;
  readonly rounds: number;
  readonly viaBackend: () => Promise<unknown>;
  readonly viaRaw: () => Promise<unknown>;
  readonly target: { readonly throughputRatio: number; readonly rssBytes: number };
  /** Something measured alone after the memory runs (e.g. the input stream), its note appended to the RSS line. */
  readonly alone?: { readonly label: string; readonly work: () => Promise<unknown>; readonly note: (run: Measurement) => string };
}

/**
 * After a warm-up of each (folders, sockets, TLS sessions, JIT), times the
 * backend and the raw client in rounds whose order alternates, then one
 * memory run of each, and prints the throughput ratio and memory against the
 * targets.
 */
export async function compareBackendWithRaw(options: BackendVersusRawOptions): Promise<void> {
  const { size, viaBackend, viaRaw, target } = options;
  await viaBackend();
  await viaRaw();
  const backendRuns: Measurement[] = [];
  const rawRuns: Measurement[] = [];
  const report = (label: string, run: Measurement) => {
    const throughput = size / MiB / (run.ms / 1000);
    const retained = Number.isNaN(run.retainedGrowth) ? '' : `  retained +${mib(run.retainedGrowth)}`;
    console.log(`  ${label.padEnd(18)} ${(run.ms / 1000).toFixed(2)} s  ${throughput.toFixed(0)} MiB/s  RSS +${mib(run.rssGrowth)}${retained}`);
  };
  for (let round = 0; round < options.rounds; round++) {
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
  let note = '';
  if (options.alone) {
    const run = await measure(options.alone.work, { retained: false });
    report(options.alone.label, run);
    note = `  ${options.alone.note(run)}`;
  }

  const ratio = median(rawRuns.map((r) => r.ms)) / median(backendRuns.map((r) => r.ms));
  const rss = Math.max(...backendRuns.map((r) => r.rssGrowth), memoryBackend.rssGrowth);
  const bound = target.rssBytes;
  const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSED');
  console.log('');
  console.log(`throughput ratio (raw time / backend time, medians): ${ratio.toFixed(2)}  target ≥ ${target.throughputRatio}  ${verdict(ratio >= target.throughputRatio)}`);
  console.log(`peak RSS growth, backend: ${mib(rss)}  target ≤ ${mib(bound)}  ${verdict(rss <= bound)}${note}`);
  if (!Number.isNaN(memoryBackend.retainedGrowth)) {
    console.log(
      `peak retained growth, backend: ${mib(memoryBackend.retainedGrowth)} (raw client: ${mib(memoryRaw.retainedGrowth)})  target ≤ ${mib(bound)}  ${verdict(memoryBackend.retainedGrowth <= bound)}`,
    );
  } else {
    console.log('(run with node --expose-gc for the retained-memory figures)');
  }
}

/**
 * An upload the way the app does it for a dropped or picked file: the upload
 * manager opens the file and the backend reads it in place (`putFile`).
 */
export async function putLocalFile(backend: StorageBackend, path: string, size: number): Promise<PutResult> {
  if (!backend.putFile) throw new Error(`the ${backend.kind} backend cannot read files in place`);
  const file = await open(path, 'r');
  try {
    return await backend.putFile({ ...benchRequest(size), file });
  } finally {
    await file.close();
  }
}

/** The same upload from a stream body (bytes without a file: a drop in the browser preview, a cross-backend copy). */
export function putStream(backend: StorageBackend, path: string, size: number): Promise<PutResult> {
  return backend.put({ ...benchRequest(size), body: createReadStream(path, { highWaterMark: MiB }) });
}

/** What the upload manager passes along besides the bytes: a hint, its cancel signal and a progress callback. */
const benchRequest = (size: number) => ({
  size,
  hint: { documentId: randomUUID(), name: 'bench.bin', folderPath: ['Bench'], contentType: 'application/octet-stream' },
  signal: new AbortController().signal,
  onProgress: () => undefined,
});
