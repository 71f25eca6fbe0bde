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
 * bound, two the target. The backend is timed the way the app uploads a
 * dropped file: opened and read in place (`putFile`, no per-read garbage).
 * RSS also counts memory the allocator keeps; the retained figure (after
 * forced collections) is what the upload holds. The same upload from a
 * 1 MiB-chunk stream body (bytes without a file) is measured once for
 * comparison: its spent chunks wait in RSS for the next collection.
 *
 * Environment: ONEDRIVE_BENCH_MIB (file size, default 256), ONEDRIVE_BENCH_ROUNDS
 * (default 5), ONEDRIVE_BENCH_FRAGMENT_KIB (default 10240 = 10 MiB, a multiple
 * of 320). This is not a test; nothing here runs under `npm test`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Agent } from 'node:https';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { OneDriveBackend } from '../src-main/core/storage/onedrive/onedrive-backend';
import { startMicrosoftFakeProcess, type MicrosoftFakeProcess } from '../tests/servers/microsoft-fake/microsoft-fake-process';
import { compareBackendWithRaw, mib, numberFromEnv, putFileInChunks, putLocalFile, putStream, send, writeSourceFile } from './support/cloud-upload-bench';

const KiB = 1024;
const MiB = 1024 * KiB;
const TARGET = { throughputRatio: 0.9, rssFragments: 2 } as const;

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
  await putFileInChunks(path, size, fragmentSize, async (fragment, contentRange, last) => {
    const res = await send(uploadUrl, { method: 'PUT', agent, headers: { 'Content-Range': contentRange } }, fragment);
    res.resume();
    if (res.statusCode !== (last ? 201 : 202)) throw new Error(`raw upload: unexpected ${res.statusCode}`);
  });
}

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
    await compareBackendWithRaw({
      size,
      rounds,
      viaBackend: () => putLocalFile(backend, source, size),
      viaRaw: () => rawUpload(fake, rawAgent, source, size, fragmentSize),
      target: { throughputRatio: TARGET.throughputRatio, rssBytes: TARGET.rssFragments * fragmentSize },
      alone: {
        label: 'stream body',
        work: () => putStream(backend, source, size),
        note: (run) => `(the same upload from a 1 MiB-chunk stream, for bytes without a file: ${mib(run.rssGrowth)})`,
      },
    });
  } finally {
    backend.close();
    backendAgent.destroy();
    rawAgent.destroy();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
