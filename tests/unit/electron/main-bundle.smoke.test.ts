import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DocuVaultBridge } from '../../../src-shared/bridge';
import { CHANNEL_NAMES, type EventMap } from '../../../src-shared/contract';
import type { DocumentContentDto, FolderDto } from '../../../src-shared/domain';
import {
  app,
  BrowserWindow,
  contextBridge,
  ipcMain,
  ipcRenderer,
  protocol,
  resetElectronDouble,
  session,
} from '../../support/electron-double';
import { buildMainBundle, requireWithElectronDouble, type BuiltBundle } from '../../support/electron-double/main-bundle';

/**
 * Builds the real bundles (main.cjs and preload.cjs, into a temporary
 * directory), loads them against the electron double the way Electron would,
 * and drives the app from start to quit.
 */
let bundle: BuiltBundle;
let beforeReady: { schemes: string[]; windows: number; sandbox: boolean };

function theWindow() {
  const window = BrowserWindow.instances[0];
  if (!window) throw new Error('no window was created');
  return window;
}

beforeAll(async () => {
  bundle = await buildMainBundle();
  resetElectronDouble();
  app.paths.set('userData', join(bundle.dir, 'user-data'));
  app.paths.set('downloads', join(bundle.dir, 'downloads'));
  requireWithElectronDouble(bundle.mainFile);
  beforeReady = {
    schemes: protocol.privileged.map((entry) => entry.scheme),
    windows: BrowserWindow.instances.length,
    sandbox: app.sandboxEnabled,
  };
  app.fireReady();
  await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1));
});

afterAll(async () => {
  await bundle?.remove();
});

describe('the built Electron main process', () => {
  it('registers its schemes and the sandbox before ready, and opens no window until then', () => {
    expect(beforeReady).toEqual({ schemes: ['app', 'docuvault-content'], windows: 0, sandbox: true });
  });

  it('opens one locked-down window with the built preload', () => {
    const { webPreferences } = theWindow().options;
    expect(webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(webPreferences?.['preload']).toBe(bundle.preloadFile);
    expect(existsSync(bundle.preloadFile)).toBe(true);
  });

  it('loads the app page from the renderer build through the app protocol, with the CSP', async () => {
    const url = theWindow().webContents.getURL();
    expect(url).toBe('app://docuvault/index.html');
    const response = await protocol.fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await response.text()).toBe(await readFile(join(bundle.rendererDir, 'index.html'), 'utf8'));
  });

  it('serves every contract channel to the app page, and refuses other frames', async () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    const page = theWindow().webContents.mainFrame;
    const folders = (await ipcMain.simulateInvoke('folders:list', [{}], { senderFrame: page })) as { ok: true; value: FolderDto[] };
    expect(folders.ok).toBe(true);
    expect(folders.value.some((folder) => folder.isDefault)).toBe(true);
    const iframe = theWindow().webContents.addChildFrame('app://docuvault/index.html');
    const refused = await ipcMain.simulateInvoke('folders:list', [{}], { senderFrame: iframe });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('runs the built preload against the built main: upload, progress events, then ranged content', async () => {
    ipcRenderer.frame = theWindow().webContents.mainFrame;
    requireWithElectronDouble(bundle.preloadFile);
    const bridge = contextBridge.exposed.get('docuvault') as DocuVaultBridge;
    const folders = await bridge.invoke('folders:list', {});
    if (!folders.ok) throw new Error(folders.error.message);
    const folderId = folders.value.find((folder) => folder.isDefault)!.id;

    const upload = await bridge.uploadFiles(folderId, [new File(['hello, vault'], 'note.txt')]);
    if (!upload.ok) throw new Error(upload.error.message);
    const done = () =>
      theWindow()
        .webContents.sent.filter((message) => message.channel === 'uploads:progress')
        .flatMap((message) => (message.args[0] as EventMap['uploads:progress']).items)
        .find((item) => item.state === 'done');
    await vi.waitFor(() => expect(done()).toBeDefined());

    const content = (await bridge.invoke('documents:content', { id: done()!.documentId! })) as { ok: true; value: DocumentContentDto };
    expect(content.value.url).toMatch(/^docuvault-content:\/\/document\//);
    const response = await protocol.fetch(content.value.url, { headers: { Range: 'bytes=7-11' } });
    expect(response.status).toBe(206);
    expect(await response.text()).toBe('vault');
    expect(response.headers.get('content-security-policy')).toBe('sandbox');
  });

  it('denies web permissions', async () => {
    expect(await session.defaultSession.requestPermission(null, 'media')).toBe(false);
  });

  it('brings its window forward when a second instance starts', () => {
    const window = theWindow();
    window.minimize();
    app.fireSecondInstance(['/opt/DocuVault/docuvault']);
    expect(window.isMinimized()).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('closes the vault, then quits, when the last window closes', async () => {
    theWindow().destroy();
    app.emit('window-all-closed');
    await vi.waitFor(() => expect(app.hasQuit).toBe(true));
    // The quit was held back once for the vault to close, then completed.
    expect(app.quitRequests).toBe(2);
    expect(ipcMain.handlers.size).toBe(0);
    // SQLite removes the WAL file when the last connection closes cleanly.
    expect(existsSync(join(bundle.dir, 'user-data', 'docuvault.sqlite'))).toBe(true);
    expect(existsSync(join(bundle.dir, 'user-data', 'docuvault.sqlite-wal'))).toBe(false);
  });
});
