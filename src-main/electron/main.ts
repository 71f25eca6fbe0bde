import { join } from 'node:path';
import { app, dialog, type BrowserWindow, type Event as ElectronEvent } from 'electron';
import { DatabaseTooNewError } from '../core/db/open-database';
import { createFileLogger } from '../core/logging/file-logger';
import { redactingLogger, teeLogger } from '../core/logging/tee-logger';
import { consoleLogger, type Logger } from '../core/ports';
import { createVaultCore, type VaultCore } from '../core/vault-core';
import { createAppRouter } from '../ipc/create-app-router';
import { showAboutDialog } from './about-dialog';
import { installAppMenu } from './app-menu';
import { registerAppProtocol } from './app-protocol';
import { createAppWindow, DEFAULT_WINDOW_SIZE } from './app-window';
import { APP_USER_MODEL_ID } from './app-identity';
import { registerContentProtocol } from './content-protocol';
import { createDeepLinkHandler } from './deep-links';
import { openLogsFolder, reportIssue } from './help-actions';
import { forwardEventsToWindow, registerIpcBridge } from './ipc-bridge';
import { JsonFileStore } from './json-file-store';
import { createNativeDialogs } from './native-dialogs';
import { OsHandoff } from './os-handoff';
import { whenPageLoaded } from './page-loaded';
import { currentLaunchContext, deepLinkRedirectFor, registerDeepLinkScheme } from './protocol-client';
import { contentUrlFor, registerPrivilegedSchemes } from './schemes';
import { chooseSecretCipher } from './secret-cipher-choice';
import { denyAllPermissions } from './security';
import { focusWhenSignInConnects } from './sign-in-attention';
import { systemBrowser } from './system-browser';
import { createAppSenderCheck } from './trusted-sender';
import { showUploadsOutsideTheWindow } from './upload-attention';
import { bringToFront } from './window-focus';
import { SavedWindowStateSchema } from './window-placement';
import { WindowStateKeeper } from './window-state-keeper';

/**
 * Composition root of the Electron app. Bundled to dist/main/main.cjs, beside
 * the preload (dist/main/preload.cjs) and the build's licenses.json, above the
 * renderer build (dist/renderer).
 */
const preloadPath = join(__dirname, 'preload.cjs');
const rendererDir = join(__dirname, '..', 'renderer');
const licensesFile = join(__dirname, 'licenses.json');
const launch = currentLaunchContext();

/** The console until the logs folder is known; then the rotating, redacting file (and the console in development). */
let logger: Logger = redactingLogger(consoleLogger);
let closeLogFile: () => void = () => undefined;
const log: Logger = { log: (level, message, fields) => logger.log(level, message, fields) };

const handoff = new OsHandoff({ launch, logger: log });
let schemeRegistered = false;

let mainWindow: BrowserWindow | null = null;
let mainPageLoaded: Promise<void> = Promise.resolve();
let windowState: WindowStateKeeper | null = null;
const getWindow = () => mainWindow;

interface Running {
  readonly core: VaultCore;
  readonly stop: () => void;
}
let running: Running | null = null;
let vaultClosed = false;

function startLogging(): void {
  try {
    const file = createFileLogger({ dir: app.getPath('logs') });
    logger = app.isPackaged ? file : teeLogger(file, redactingLogger(consoleLogger));
    closeLogFile = () => file.close();
  } catch {
    // No logs folder (a broken profile): keep the console rather than fail to start.
  }
}

function openMainWindow(): BrowserWindow {
  const window = createAppWindow({ preloadPath, logger: log, ...(windowState ? { bounds: windowState.initialBounds() } : {}) });
  windowState?.manage(window);
  mainPageLoaded = whenPageLoaded(window);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
  return window;
}

/** The window, opened again if it was closed (macOS keeps the app running), once its page can receive events. */
function windowReady(): Promise<void> {
  if (!mainWindow || mainWindow.isDestroyed()) openMainWindow();
  return mainPageLoaded;
}

function bringWindowForward(): void {
  if (running && (!mainWindow || mainWindow.isDestroyed())) openMainWindow();
  bringToFront(mainWindow);
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const secretCipher = await chooseSecretCipher({ dataDir, logger: log });
  const core = await createVaultCore({
    dataDir,
    logger: log,
    secretCipher,
    browser: systemBrowser,
    deepLinkRedirect: deepLinkRedirectFor(schemeRegistered),
  });
  const dialogs = createNativeDialogs({ getWindow, saveDirectory: app.getPath('downloads') });
  const router = createAppRouter(core, { contentUrl: contentUrlFor, dialogs }, log);
  denyAllPermissions(log);
  registerAppProtocol(rendererDir, log);
  registerContentProtocol(core, log);
  const unregister = registerIpcBridge(router, createAppSenderCheck(getWindow), log);
  const stopForwarding = forwardEventsToWindow(core.events, getWindow);
  const stopSignInFocus = focusWhenSignInConnects(core.events, getWindow);
  const stopUploadAttention = showUploadsOutsideTheWindow({ events: core.events, getWindow });
  running = {
    core,
    stop: () => {
      handoff.detach();
      stopUploadAttention();
      stopSignInFocus();
      stopForwarding();
      unregister();
    },
  };
  installAppMenu({
    platform: process.platform,
    appName: app.getName(),
    developerItems: !app.isPackaged,
    actions: {
      showAbout: () =>
        void showAboutDialog({
          window: mainWindow,
          appName: app.getName(),
          version: app.getVersion(),
          licensesFile,
          tempDir: app.getPath('temp'),
          logger: log,
        }),
      reportIssue,
      openLogsFolder: () => openLogsFolder(log),
    },
  });
  windowState = new WindowStateKeeper(
    new JsonFileStore(join(dataDir, 'window-state.json'), SavedWindowStateSchema.nullable(), null),
    DEFAULT_WINDOW_SIZE,
  );
  openMainWindow();
  // Deep links and files kept since launch are handed over once the page can hear the events they cause.
  const openDeepLink = createDeepLinkHandler({ signIn: core.signIn, logger: log });
  handoff.attach({
    openDeepLink: async (url) => {
      await windowReady();
      await openDeepLink(url);
    },
    offerFiles: async (paths) => {
      await windowReady();
      core.offeredFiles.offer(paths);
    },
    bringForward: bringWindowForward,
  });
}

function failToStart(error: unknown): void {
  log.log('error', 'DocuVault could not start', { error: error instanceof Error ? error.message : String(error) });
  // Only a message written for people reaches the dialog; anything else stays in the log.
  const message =
    error instanceof DatabaseTooNewError
      ? error.message
      : 'DocuVault could not open its data folder. Another copy may be starting, or the disk may be full or read-only.';
  dialog.showErrorBox('DocuVault could not start', message);
  app.exit(1);
}

/** Defers the quit until the core has finished its uploads and closed the database. */
function closeCoreBeforeQuit(event: ElectronEvent): void {
  if (!running || vaultClosed) return;
  event.preventDefault();
  const { core, stop } = running;
  running = null;
  stop();
  core
    .close()
    .catch((error: unknown) => log.log('error', 'closing the vault failed', { error: String(error) }))
    .finally(() => {
      vaultClosed = true;
      app.quit();
    });
}

function main(): void {
  // One app instance owns the database; a second launch hands its deep link or files to the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  startLogging();
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  registerPrivilegedSchemes();
  // Before ready: macOS delivers the URL or file that launched the app early.
  handoff.listen();
  schemeRegistered = registerDeepLinkScheme(launch, log);
  void handoff.receiveLaunch(launch.argv, process.cwd());
  app.on('activate', () => {
    if (running && !mainWindow) openMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', closeCoreBeforeQuit);
  app.on('quit', () => closeLogFile());
  app.whenReady().then(start).catch(failToStart);
}

main();
