/**
 * WebDAV upload benchmark (not a test):
 *
 *   node --expose-gc --import tsx bench/webdav-bench.ts
 *   WEBDAV_BENCH_MIB=256 WEBDAV_BENCH_ROUNDS=3 node --expose-gc --import tsx bench/webdav-bench.ts
 *
 * Uploads one generated file (1 GiB by default) to the WebDAV test server
 * (webdav-server in a child process on loopback) three ways in every round,
 * in an order that rotates:
 * - `curl -T`: the raw client, one PUT and nothing else;
 * - WebDavBackend.putFile with the file open: what the app does for a dropped
 *   file, and the judged row;
 * - WebDavBackend.put with a file stream (bytes without a path, cross-backend
 *   copies), for information;
 * - `curl -T` with `openssl dgst -sha256` of the file running alongside, for
 *   information: the app must hash every byte, and on a 2-core machine that
 *   also runs the server, that CPU alone costs throughput whoever spends it.
 * A ratio is curl's time ÷ the backend's (target ≥ 0.9), and the summary
 * takes the median over rounds: the machine may be shared and noisy. Peak
 * RSS growth is this process's during each backend upload (target ≤ 2 parts
 * of 8 MiB; curl and the server run in their own processes). The backend's
 * time is split between its PUT (the bytes: what curl does) and its other
 * requests (MKCOL, PROPFIND, MOVE, PROPPATCH), and its CPU time is shown
 * (the SHA-256 of every byte, which curl does not compute), so a miss can be
 * placed.
 *
 * Environment: WEBDAV_BENCH_MIB (file size, default 1024), WEBDAV_BENCH_ROUNDS (default 5).
 */
import { Agent, type ClientRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PutResult } from '../src-main/core/storage/storage-backend';
import { WebDavBackend } from '../src-main/core/storage/webdav/webdav-backend';
import { startWebDavServer, type WebDavTestServer } from '../tests/servers/webdav-server';
import { measure, mib, numberFromEnv, putLocalFile, putStream, writeSourceFile } from './support/cloud-upload-bench';
import { describeMachineLoad } from './support/machine-load';
import { runCommand } from './support/run-command';
import { median } from './support/stats';

const MiB = 1024 * 1024;
const TARGET = { throughputRatio: 0.9, rssGrowthBytes: 2 * 8 * MiB } as const;

/**
 * The backend's connection pool, timing each request from its creation to
 * its response headers, PUTs apart from the rest. Requests of one upload run
 * one after another, so the sums add up to time spent.
 */
class TimingAgent extends Agent {
  put = 0;
  other = 0;

  constructor() {
    super({ keepAlive: true, maxSockets: 8 });
  }

  reset(): void {
    this.put = 0;
    this.other = 0;
  }

  // Not in Node's typings, but every request of this agent passes here as it is created.
  addRequest(request: ClientRequest, options: unknown): void {
    const started = performance.now();
    request.once('response', () => {
      if (request.method === 'PUT') this.put += performance.now() - started;
      else this.other += performance.now() - started;
    });
    (Agent.prototype as unknown as { addRequest(r: ClientRequest, o: unknown): void }).addRequest.call(this, request, options);
  }
}

/** curl with the server's credentials; resolves once it exited successfully. */
function curl(args: readonly string[], server: WebDavTestServer): Promise<void> {
  return runCommand('curl', ['--silent', '--show-error', '--fail', '-u', `${server.username}:${server.password}`, ...args]);
}

/** `openssl dgst -sha256`: the same SHA-256 code (with the CPU's SHA instructions) our process uses, in its own process. */
const opensslSha256 = (path: string): Promise<void> => runCommand('openssl', ['dgst', '-sha256', path]);

type Contender = 'curl' | 'curl+sha256' | 'putFile' | 'stream';
const CONTENDERS: readonly Contender[] = ['curl', 'curl+sha256', 'putFile', 'stream'];

interface BackendRun {
  readonly seconds: number;
  readonly putSeconds: number;
  readonly otherSeconds: number;
  readonly cpuSeconds: number;
  readonly rssGrowth: number;
}

async function main(): Promise<void> {
  const sizeMiB = numberFromEnv('WEBDAV_BENCH_MIB', 1024);
  const rounds = numberFromEnv('WEBDAV_BENCH_ROUNDS', 5);
  const size = sizeMiB * MiB;
  console.log(`DocuVault WebDAV benchmark — node ${process.version}, ${cpus().length} CPUs; ${describeMachineLoad()}`);
  console.log(`${mib(size)} file, ${rounds} rounds, order rotated each round`);
  const work = await mkdtemp(join(tmpdir(), 'docuvault-webdav-bench-'));
  const server = await startWebDavServer();
  const clock = new TimingAgent();
  const backend = new WebDavBackend({ url: server.url, username: server.username }, { password: server.password }, { httpAgent: clock });
  try {
    const file = join(work, 'source.bin');
    await writeSourceFile(file, size);
    await backend.ensureRoot();

    const viaBackend = async (upload: () => Promise<PutResult>): Promise<BackendRun> => {
      clock.reset();
      const cpu = process.cpuUsage();
      let key = '';
      const run = await measure(async () => (key = (await upload()).key), { retained: false });
      const used = process.cpuUsage(cpu);
      const result = {
        seconds: run.ms / 1000,
        putSeconds: clock.put / 1000,
        otherSeconds: clock.other / 1000,
        cpuSeconds: (used.user + used.system) / 1e6,
        rssGrowth: run.rssGrowth,
      };
      await backend.delete(key);
      return result;
    };
    const viaCurl = async (round: number): Promise<number> => {
      const url = `${server.url}raw-${round}.bin`;
      const run = await measure(() => curl(['-T', file, url], server), { retained: false });
      // Removed between trials, so 1 GiB rounds do not fill the disk (nor its write-back queue).
      await curl(['-X', 'DELETE', url], server);
      return run.ms / 1000;
    };

    // curl with the file's SHA-256 computed alongside (two processes, both cores): what any client that
    // must hash every byte, as the app must, costs on this machine when the server shares its CPUs.
    const viaCurlAndHash = async (round: number): Promise<number> => {
      const url = `${server.url}raw-hashed-${round}.bin`;
      const run = await measure(() => Promise.all([curl(['-T', file, url], server), opensslSha256(file)]), { retained: false });
      await curl(['-X', 'DELETE', url], server);
      return run.ms / 1000;
    };

    const runs = { curl: [] as number[], curlHashed: [] as number[], putFile: [] as BackendRun[], stream: [] as BackendRun[] };
    for (let round = 0; round < rounds; round++) {
      const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length]!);
      for (const contender of order) {
        if (contender === 'curl') runs.curl.push(await viaCurl(round));
        else if (contender === 'curl+sha256') runs.curlHashed.push(await viaCurlAndHash(round));
        else if (contender === 'putFile') runs.putFile.push(await viaBackend(() => putLocalFile(backend, file, size)));
        else runs.stream.push(await viaBackend(() => putStream(backend, file, size)));
      }
      const curlSeconds = runs.curl.at(-1)!;
      const row = (label: string, run: BackendRun) =>
        `${label} ${run.seconds.toFixed(2)} s (PUT ${run.putSeconds.toFixed(2)} s, other requests ${run.otherSeconds.toFixed(2)} s, ` +
        `CPU ${run.cpuSeconds.toFixed(2)} s) ratio ${(curlSeconds / run.seconds).toFixed(3)}, RSS +${mib(run.rssGrowth)}`;
      const hashed = runs.curlHashed.at(-1)!;
      console.log(`round ${round + 1}: curl -T ${curlSeconds.toFixed(2)} s; curl -T with openssl sha256 alongside ${hashed.toFixed(2)} s (ratio ${(curlSeconds / hashed).toFixed(3)})`);
      console.log(`  ${row('putFile', runs.putFile.at(-1)!)}`);
      console.log(`  ${row('stream ', runs.stream.at(-1)!)}`);
    }

    const summary = (which: BackendRun[]) => ({
      ratio: median(which.map((run, round) => runs.curl[round]! / run.seconds)),
      putRatio: median(which.map((run, round) => runs.curl[round]! / run.putSeconds)),
      other: median(which.map((run) => run.otherSeconds)),
      cpu: median(which.map((run) => run.cpuSeconds)),
      growth: Math.max(...which.map((run) => run.rssGrowth)),
    });
    const dropped = summary(runs.putFile);
    const stream = summary(runs.stream);
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
    const where = (row: ReturnType<typeof summary>) =>
      `    PUT alone vs curl -T:  ${row.putRatio.toFixed(3)}; other requests ${row.other.toFixed(2)} s; CPU ${row.cpu.toFixed(2)} s`;
    const ratioOk = dropped.ratio >= TARGET.throughputRatio;
    const growthOk = dropped.growth <= TARGET.rssGrowthBytes;
    console.log(`\nWebDAV upload of ${mib(size)}, median of ${rounds} rounds (curl -T median ${median(runs.curl).toFixed(2)} s)`);
    console.log('  putFile (a dropped file; judged)');
    console.log(`    throughput vs curl -T: ${dropped.ratio.toFixed(3)}  (target ≥ ${TARGET.throughputRatio}) ${verdict(ratioOk)}`);
    console.log(`    peak RSS growth:       ${mib(dropped.growth)}  (target ≤ ${mib(TARGET.rssGrowthBytes)}) ${verdict(growthOk)}`);
    console.log(where(dropped));
    const hashedRatio = median(runs.curlHashed.map((seconds, round) => runs.curl[round]! / seconds));
    console.log(`  curl -T with the file's SHA-256 computed alongside (for information: the cost of hashing here): ${hashedRatio.toFixed(3)}`);
    console.log('  put with a stream body (for information)');
    console.log(`    throughput vs curl -T: ${stream.ratio.toFixed(3)}; peak RSS growth ${mib(stream.growth)}`);
    console.log(where(stream));
  } finally {
    backend.close();
    clock.destroy();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
