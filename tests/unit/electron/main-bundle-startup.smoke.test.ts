import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, dialog, protocol, resetElectronDouble } from '../../support/electron-double';
import { buildMainBundle, requireWithElectronDouble, type BuiltBundle } from '../../support/electron-double/main-bundle';

/** The built main process when it cannot or must not start. */
let bundle: BuiltBundle;

beforeAll(async () => {
  bundle = await buildMainBundle();
});

afterAll(async () => {
  await bundle?.remove();
});

beforeEach(() => {
  resetElectronDouble();
  app.paths.set('downloads', join(bundle.dir, 'downloads'));
});

async function startWithUserData(userData: string): Promise<void> {
  app.paths.set('userData', userData);
  requireWithElectronDouble(bundle.mainFile);
  app.fireReady();
  await vi.waitFor(() => expect(app.exitCode).not.toBeNull());
}

describe('the built main process at start-up', () => {
  it('leaves at once when another instance already runs', () => {
    app.singleInstanceLock = false;
    app.paths.set('userData', join(bundle.dir, 'unused'));
    requireWithElectronDouble(bundle.mainFile);
    expect(app.quitRequests).toBe(1);
    expect(protocol.privileged).toEqual([]);
    expect(app.listenerCount('ready')).toBe(0);
  });

  it('says so in plain words and exits when its data folder cannot be opened', async () => {
    const notADirectory = join(bundle.dir, 'user-data-is-a-file');
    await writeFile(notADirectory, 'x');
    await startWithUserData(notADirectory);
    expect(app.exitCode).toBe(1);
    expect(BrowserWindow.instances).toHaveLength(0);
    const [shown] = dialog.shown;
    expect(shown).toMatchObject({ kind: 'error', options: { title: 'DocuVault could not start' } });
    // No paths, error codes or stack traces: those go to the log only.
    expect(shown!.options['content']).not.toMatch(/user-data-is-a-file|EEXIST|ENOTDIR|at /);
  });

  it('explains a library saved by a newer DocuVault', async () => {
    const userData = join(bundle.dir, 'newer-library');
    await mkdir(userData, { recursive: true });
    const db = new BetterSqlite3(join(userData, 'docuvault.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    await startWithUserData(userData);
    expect(dialog.shown[0]!.options['content']).toMatch(/newer version of DocuVault/);
    expect(BrowserWindow.instances).toHaveLength(0);
  });
});
