/**
 * WebDAV upload benchmark (not a test):
 *
 *   node --expose-gc --import tsx bench/webdav-bench.ts
 *   WEBDAV_BENCH_MIB=256 WEBDAV_BENCH_ROUNDS=3 node --expose-gc --import tsx bench/webdav-bench.ts
 *
 * Uploads one generated file (1 GiB by default) to the WebDAV test server
 * (webdav-server in a child process on loopback) through WebDavBackend.put and
 * with `curl -T` (the raw client), in the same run, alternating the order each
 * round. Prints the throughput ratio (backend ÷ curl; target ≥ 0.9) and the
 * peak RSS growth of this process during the backend's upload (target ≤ 2 parts
 * of 8 MiB; curl runs in its own process, so its memory is not ours).
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebDavBackend } from '../src-main/core/storage/webdav/webdav-backend';
import { startWebDavServer } from '../tests/servers/webdav-server';

const MiB = 1024 * 1024;
const FILE_BYTES = Number(process.env.WEBDAV_BENCH_MIB ?? 1024) * MiB;
const ROUNDS = Number(process.env.WEBDAV_BENCH_ROUNDS ?? 2);
const TARGET = { throughputRatio: 0.9, rssGrowthBytes: 16 * MiB } as const;

async function generateFile(path: string, bytes: number): Promise<void> {
  const block = randomBytes(MiB);
  const handle = await open(path, 'w');
  try {
    for (let written = 0, n = 0; written < bytes; written += MiB, n++) {
      block.writeUInt32LE(n, 0);
      await handle.write(block, 0, Math.min(MiB, bytes - written));
    }
  } finally {
    await handle.close();
  }
}

async function timed(work: () => Promise<void>): Promise<{ seconds: number; rssGrowth: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return { seconds: (performance.now() - started) / 1000, rssGrowth: Math.max(0, peak - baseline) };
}

function curlUpload(file: string, url: string, user: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const curl = spawn('curl', ['--silent', '--show-error', '--fail', '-T', file, '-u', `${user}:${password}`, url], { stdio: ['ignore', 'ignore', 'inherit'] });
    curl.once('error', reject);
    curl.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`curl exited with ${code}`))));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'docuvault-webdav-bench-'));
  const server = await startWebDavServer();
  try {
    const file = join(work, 'source.bin');
    await generateFile(file, FILE_BYTES);
    const backend = new WebDavBackend({ url: server.url, username: server.username }, { password: server.password });
    await backend.ensureRoot();
    const ratios: number[] = [];
    const growths: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const viaBackend = () =>
        timed(async () => {
          await backend.put({
            body: createReadStream(file, { highWaterMark: MiB }),
            size: FILE_BYTES,
            hint: { documentId: randomUUID(), name: `bench-${round}.bin`, folderPath: ['Bench'], contentType: 'application/octet-stream' },
          });
        });
      const viaCurl = () => timed(() => curlUpload(file, `${server.url}raw-${round}.bin`, server.username, server.password));
      const [app, raw] = round % 2 === 0 ? [await viaBackend(), await viaCurl()] : [await viaCurl(), await viaBackend()].reverse();
      ratios.push(raw!.seconds / app!.seconds);
      growths.push(app!.rssGrowth);
      console.log(
        `round ${round + 1}: backend ${app!.seconds.toFixed(2)} s, curl -T ${raw!.seconds.toFixed(2)} s, ratio ${(raw!.seconds / app!.seconds).toFixed(3)}, RSS growth ${mib(app!.rssGrowth)}`,
      );
    }
    backend.close();
    const ratio = median(ratios);
    const growth = Math.max(...growths);
    console.log(`\nWebDAV upload of ${mib(FILE_BYTES)} (median of ${ROUNDS} rounds)`);
    console.log(`  throughput vs curl -T: ${ratio.toFixed(3)}  (target ≥ ${TARGET.throughputRatio}) ${ratio >= TARGET.throughputRatio ? 'PASS' : 'MISS'}`);
    console.log(`  peak RSS growth:       ${mib(growth)}  (target ≤ ${mib(TARGET.rssGrowthBytes)}) ${growth <= TARGET.rssGrowthBytes ? 'PASS' : 'MISS'}`);
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
