/**
 * `node --expose-gc --import tsx bench/drive-bench.ts`: Google Drive uploads through the
 * real backend against a plain HTTP client speaking the same resumable
 * protocol with the same chunk size, in the same run, to the Google fake
 * running in its own process (so its memory is not counted as ours).
 *
 * The backend does more than the raw client — SHA-256 and MD5 of every byte,
 * the folder lookup, the check of Drive's checksums and the final metadata
 * PATCH — and the ratio says what that costs. Peak RSS growth is sampled
 * while each upload runs; one chunk is the design bound. The backend is
 * timed the way the app uploads a dropped file: the file opened and read in
 * place (`putFile`); a stream body (bytes without a file) is measured once
 * for comparison.
 *
 * Environment: DRIVE_BENCH_MIB (file size, default 256), DRIVE_BENCH_ROUNDS (default 5),
 * DRIVE_BENCH_CHUNK_MIB (default 8). This is not a test; nothing here runs under `npm test`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { driveEndpointsAt } from '../src-main/core/storage/google-drive/drive-backend-options';
import { GoogleDriveBackend } from '../src-main/core/storage/google-drive/google-drive-backend';
import { startGoogleFakeProcess, type GoogleFakeProcess } from '../tests/servers/google-fake/google-fake-process';
import { compareBackendWithRaw, mib, numberFromEnv, putFileInChunks, putLocalFile, putStream, send, writeSourceFile } from './support/cloud-upload-bench';

const MiB = 1024 * 1024;
const TARGET = { throughputRatio: 0.9, rssChunks: 2 } as const;

/** The reference: the resumable protocol with nothing else — no hashing, no folders, no verification. */
async function rawUpload(fake: GoogleFakeProcess, path: string, size: number, chunkSize: number): Promise<void> {
  const start = await send(
    new URL(`${fake.url}/upload/drive/v3/files?uploadType=resumable&fields=id`),
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${fake.accessToken}`, 'Content-Type': 'application/json', 'X-Upload-Content-Length': String(size) },
    },
    Buffer.from(JSON.stringify({ name: `raw-${randomUUID()}.bin` })),
  );
  start.resume();
  const session = new URL(start.headers.location!);
  await putFileInChunks(path, size, chunkSize, async (chunk, contentRange, last) => {
    const res = await send(session, { method: 'PUT', headers: { 'Content-Range': contentRange } }, chunk);
    res.resume();
    if (res.statusCode !== (last ? 200 : 308)) throw new Error(`raw upload: unexpected ${res.statusCode}`);
  });
}

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
    await compareBackendWithRaw({
      size,
      rounds,
      viaBackend: () => putLocalFile(backend, source, size),
      viaRaw: () => rawUpload(fake, source, size, chunkSize),
      target: { throughputRatio: TARGET.throughputRatio, rssBytes: TARGET.rssChunks * chunkSize },
      alone: {
        label: 'stream body',
        work: () => putStream(backend, source, size),
        note: (run) => `(the same upload from a 1 MiB-chunk stream, for bytes without a file: ${mib(run.rssGrowth)})`,
      },
    });
  } finally {
    backend.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
