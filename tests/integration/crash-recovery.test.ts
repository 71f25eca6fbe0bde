import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalBackend } from '../../src-main/core/storage/local-backend';
import { createVaultCore } from '../../src-main/core/vault-core';
import { readAll } from '../support/streams';
import { makeTempDir } from '../support/temp-dir';

const CHILD = fileURLToPath(new URL('../support/crash-child.ts', import.meta.url));

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

/** Starts the child, waits for `until` on its stdout, then kills it without warning. */
async function crashChildAt(mode: string, until: string): Promise<{ safeId: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir.path, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let safeId = '';
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) safeId = line.slice(6);
      if (line === until) resolve();
    });
    child.once('exit', () => reject(new Error(`child exited early: ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return { safeId };
}

function rawRows(): Array<{ name: string; status: string }> {
  const db = new BetterSqlite3(join(dir.path, 'docuvault.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT name, status FROM documents ORDER BY name').all() as Array<{ name: string; status: string }>;
  } finally {
    db.close();
  }
}

describe('startup recovery after a crash mid-upload (real process, SIGKILL)', () => {
  it('removes the half-written temporary file and the uploading row; stored documents are intact', async () => {
    const { safeId } = await crashChildAt('mid-stream', 'MID');
    expect(rawRows()).toEqual([
      { name: 'doomed.bin', status: 'uploading' },
      { name: 'safe.txt', status: 'ready' },
    ]);
    expect(await readdir(join(dir.path, 'vault', 'tmp'))).toHaveLength(1);

    const core = await createVaultCore({ dataDir: dir.path });
    try {
      expect(core.recovery).toMatchObject({ interruptedUploads: 1, partialFilesRemoved: 1, deferred: 0 });
      expect(await readdir(join(dir.path, 'vault', 'tmp'))).toEqual([]);
      const page = core.documents.list({ sortBy: 'name', sortDir: 'asc', offset: 0, limit: 10 });
      expect(page.items.map((d) => d.name)).toEqual(['safe.txt']);
      expect((await readAll((await core.documents.openContent(safeId)).stream)).toString()).toBe('safe and sound');
    } finally {
      await core.close();
    }
    expect(rawRows()).toEqual([{ name: 'safe.txt', status: 'ready' }]);
  });

  it('removes an object stored under its final key whose row never became ready', async () => {
    await crashChildAt('after-store', 'STORED');
    const db = new BetterSqlite3(join(dir.path, 'docuvault.sqlite'), { readonly: true });
    const doomedId = db.prepare("SELECT id FROM documents WHERE name = 'doomed.bin'").pluck().get() as string;
    db.close();
    const objects = async () => (await readdir(join(dir.path, 'vault', 'objects'), { recursive: true })).filter((p) => p.includes('/'));
    expect(await objects()).toContain(LocalBackend.keyFor(doomedId));

    const core = await createVaultCore({ dataDir: dir.path });
    try {
      expect(core.recovery.interruptedUploads).toBe(1);
      expect(await objects()).not.toContain(LocalBackend.keyFor(doomedId));
      expect(await objects()).toHaveLength(1);
    } finally {
      await core.close();
    }
    expect(rawRows()).toEqual([{ name: 'safe.txt', status: 'ready' }]);
  });
});
