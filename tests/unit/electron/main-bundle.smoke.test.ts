import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
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
  Menu,
  protocol,
  resetElectronDouble,
  safeStorage,
  session,
} from '../../support/electron-double';
import { buildMainBundle, requireWithElectronDouble, type BuiltBundle } from '../../support/electron-double/main-bundle';

/**
 * Builds the real bundles (main.cjs and preload.cjs, into a temporary
 * directory), loads them against the electron double the way Electron would,
 * and drives the app from start to quit.
 */
let bundle: BuiltBundle;
let beforeReady: { schemes: string[]; windows: number; sandbox: boolean; openUrlClaimed: boolean };
/** A sign-in redirect that arrives (macOS open-url) before the app is ready; its state matches no attempt. */
const earlyLink = 'docuvault://oauth/microsoft?code=early-code-secret&state=early-state-secret';

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
  app.paths.set('logs', join(bundle.dir, 'logs'));
  app.paths.set('temp', join(bundle.dir, 'temp'));
  await writeFile(join(bundle.dir, 'opened-at-launch.pdf'), '%PDF-1.7');
  // The command line of a packaged launch with a file to open ("Open with DocuVault"), not vitest's.
  const realArgv = process.argv;
  process.argv = ['/opt/DocuVault/docuvault', '--enable-features=WaylandWindowDecorations', join(bundle.dir, 'opened-at-launch.pdf')];
  try {
    requireWithElectronDouble(bundle.mainFile);
  } finally {
    process.argv = realArgv;
  }
  beforeReady = {
    schemes: protocol.privileged.map((entry) => entry.scheme),
    windows: BrowserWindow.instances.length,
    sandbox: app.sandboxEnabled,
    openUrlClaimed: app.fireOpenUrl(earlyLink),
  };
  app.fireReady();
  await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1));
});

afterAll(async () => {
  await bundle?.remove();
});

describe('the built Electron main process', () => {
  it('registers its schemes and the sandbox before ready, and opens no window until then', () => {
    expect(beforeReady).toMatchObject({ schemes: ['app', 'docuvault-content'], windows: 0, sandbox: true });
  });

  it('is the OS handler of docuvault:// links, and claims a link that arrives before ready', () => {
    expect(app.protocolClients).toEqual([{ scheme: 'docuvault' }]);
    expect(beforeReady.openUrlClaimed).toBe(true);
  });

  it('hands that early link to the core once the page has loaded: its unknown state is refused, and the page is told', async () => {
    const finished = () => theWindow().webContents.sent.filter((message) => message.channel === 'connections:login-finished');
    await vi.waitFor(() => expect(finished()).toHaveLength(1));
    expect(finished()[0]!.args[0]).toMatchObject({ attemptId: null, connection: null, error: { code: expect.any(String) } });
  });

  it('keeps credentials in the OS keychain through the async safeStorage API, chosen after ready', () => {
    expect(safeStorage.calls[0]).toBe('isAsyncEncryptionAvailable');
  });

  it('installs the application menu, and ships the licences of its packages beside the bundle', async () => {
    const titles = (Menu.getApplicationMenu()!.items as { label?: string; role?: string }[]).map((item) => item.label ?? item.role);
    expect(titles).toEqual(expect.arrayContaining(['Edit', 'View', 'help']));
    const licenses = JSON.parse(await readFile(bundle.licensesFile, 'utf8')) as { packages: { name: string; license: string }[] };
    expect(licenses.packages.find((entry) => entry.name === 'better-sqlite3')?.license).toBe('MIT');
    expect(licenses.packages.some((entry) => entry.name === 'vitest')).toBe(false);
  });

  it('offers the files the app was launched with, then those of a second launch, by name only', async () => {
    const offers = () => theWindow().webContents.sent.filter((message) => message.channel === 'files:offered').map((message) => message.args[0]);
    await vi.waitFor(() => expect(offers()).toHaveLength(1));
    expect(offers()[0]).toMatchObject({ offerId: expect.any(String), names: ['opened-at-launch.pdf'] });
    await writeFile(join(bundle.dir, 'scan.pdf'), '%PDF-1.7');
    app.fireSecondInstance(['/opt/DocuVault/docuvault', '--flag', 'scan.pdf'], bundle.dir);
    await vi.waitFor(() => expect(offers()).toHaveLength(2));
    expect(offers()[1]).toMatchObject({ names: ['scan.pdf'] });
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
    // The dock/taskbar bar followed the upload and went away at the end.
    await vi.waitFor(() => expect(theWindow().progressBar.at(-1)).toBe(-1));

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

  it('writes a rotating log file without the secrets that passed through the app', async () => {
    const log = await readFile(join(bundle.dir, 'logs', 'docuvault.log'), 'utf8');
    expect(log).toMatch(/"message":"refused a sign-in callback"/);
    expect(log).not.toMatch(/early-code-secret|early-state-secret/);
  });

  it('closes the vault, then quits, when the last window closes, remembering where the window was', async () => {
    theWindow().simulateUserBounds({ x: 40, y: 30, width: 1000, height: 700 });
    theWindow().close();
    app.emit('window-all-closed');
    await vi.waitFor(() => expect(app.hasQuit).toBe(true));
    // The quit was held back once for the vault to close, then completed.
    expect(app.quitRequests).toBe(2);
    expect(ipcMain.handlers.size).toBe(0);
    // SQLite removes the WAL file when the last connection closes cleanly.
    expect(existsSync(join(bundle.dir, 'user-data', 'docuvault.sqlite'))).toBe(true);
    expect(existsSync(join(bundle.dir, 'user-data', 'docuvault.sqlite-wal'))).toBe(false);
    expect(JSON.parse(await readFile(join(bundle.dir, 'user-data', 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 40, y: 30, width: 1000, height: 700 },
      maximized: false,
    });
  });
});
