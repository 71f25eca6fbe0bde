import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Fuses from '@electron/fuses';
import type { FolderDto } from '../../../src-shared/domain';
import { app, BrowserWindow, ipcMain, resetElectronDouble } from '../../support/electron-double';
import { requireWithElectronDouble } from '../../support/electron-double/main-bundle';
import { packageApp, requireFromBuilder, type PackagedApp } from '../../support/electron-double/packaged-app';

/**
 * The app as electron-builder packages it (production bundles, the project's
 * configuration, Linux `dir` target around a stand-in Electron): what is in the
 * archive, which fuses are flipped, and that the packaged main process starts
 * from the archive's contents alone, outside the repository, so nothing it
 * needs can come from the project's node_modules.
 */
let packaged: PackagedApp;
let extracted: string;
let files: string[];

const asar = () => requireFromBuilder('@electron/asar') as { listPackage(archive: string): string[]; extractAll(archive: string, dest: string): void };

beforeAll(async () => {
  packaged = await packageApp();
  files = asar().listPackage(packaged.asar).map((file) => file.replaceAll('\\', '/'));
  extracted = await mkdtemp(join(tmpdir(), 'docuvault-extracted-'));
  asar().extractAll(packaged.asar, join(extracted, 'app'));
}, 180_000);

afterAll(async () => {
  await packaged?.remove();
  if (extracted) await rm(extracted, { recursive: true, force: true });
});

describe('the packaged app', () => {
  it('holds the production bundles, the licences and the renderer, without source maps', () => {
    expect(files).toEqual(expect.arrayContaining(['/package.json', '/dist/main/main.cjs', '/dist/main/preload.cjs', '/dist/main/licenses.json', '/dist/renderer/index.html']));
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
  });

  it('ships better-sqlite3 (its add-on unpacked from the archive) and none of the bundled modules', () => {
    const modules = new Set(files.filter((file) => file.startsWith('/node_modules/')).map((file) => file.split('/')[2]));
    expect([...modules].sort()).toEqual(['better-sqlite3', 'bindings', 'file-uri-to-path']);
    expect(existsSync(join(packaged.appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
  });

  it('has its fuses flipped for a release', async () => {
    const { getCurrentFuseWire, FuseV1Options } = requireFromBuilder('@electron/fuses') as typeof Fuses;
    const wire = (await getCurrentFuseWire(packaged.executable)) as Record<number, number | undefined>;
    // The wire stores each fuse as the character '0' or '1'.
    const on = (option: number) => wire[option] === '1'.charCodeAt(0);
    expect({
      runAsNode: on(FuseV1Options.RunAsNode),
      nodeOptions: on(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      nodeCliInspect: on(FuseV1Options.EnableNodeCliInspectArguments),
      onlyLoadAppFromAsar: on(FuseV1Options.OnlyLoadAppFromAsar),
      asarIntegrity: on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      cookieEncryption: on(FuseV1Options.EnableCookieEncryption),
    }).toEqual({ runAsNode: false, nodeOptions: false, nodeCliInspect: false, onlyLoadAppFromAsar: true, asarIntegrity: true, cookieEncryption: true });
  });

  it('starts from the archive’s contents alone and answers the window', async () => {
    resetElectronDouble();
    const userData = join(extracted, 'user-data');
    app.paths.set('userData', userData);
    app.paths.set('downloads', join(extracted, 'downloads'));
    app.paths.set('logs', join(extracted, 'logs'));
    const realArgv = process.argv;
    process.argv = ['/opt/DocuVault/docuvault'];
    try {
      requireWithElectronDouble(join(extracted, 'app', 'dist', 'main', 'main.cjs'));
    } finally {
      process.argv = realArgv;
    }
    app.fireReady();
    await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1));
    const window = BrowserWindow.instances[0]!;
    const folders = (await ipcMain.simulateInvoke('folders:list', [{}], { senderFrame: window.webContents.mainFrame })) as { ok: boolean; value: FolderDto[] };
    expect(folders.ok).toBe(true);
    expect(existsSync(join(userData, 'docuvault.sqlite'))).toBe(true);
    window.destroy();
    app.emit('window-all-closed');
    await vi.waitFor(() => expect(app.hasQuit).toBe(true));
  });
});
