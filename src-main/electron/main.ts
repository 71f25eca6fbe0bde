import { join } from 'node:path';
import { app, dialog, type BrowserWindow, type Event as ElectronEvent } from 'electron';
import { DatabaseTooNewError } from '../core/db/open-database';
import { consoleLogger, type Logger } from '../core/ports';
import { createVaultCore, type VaultCore } from '../core/vault-core';
import { createAppRouter } from '../ipc/create-app-router';
import { registerAppProtocol } from './app-protocol';
import { createAppWindow } from './app-window';
import { registerContentProtocol } from './content-protocol';
import { forwardEventsToWindow, registerIpcBridge } from './ipc-bridge';
import { createNativeDialogs } from './native-dialogs';
import { contentUrlFor, registerPrivilegedSchemes } from './schemes';
import { denyAllPermissions } from './security';
import { createAppSenderCheck } from './trusted-sender';

/**
 * Composition root of the Electron app. Bundled to dist/main/main.cjs, beside
 * the preload (dist/main/preload.cjs) and above the renderer build (dist/renderer).
 */
const logger: Logger = consoleLogger;
const preloadPath = join(__dirname, 'preload.cjs');
const rendererDir = join(__dirname, '..', 'renderer');

let mainWindow: BrowserWindow | null = null;
const getWindow = () => mainWindow;

interface Running {
  readonly core: VaultCore;
  readonly stop: () => void;
}
let running: Running | null = null;
let vaultClosed = false;

function openMainWindow(): void {
  const window = createAppWindow({ preloadPath, logger });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
}

function bringWindowForward(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  const core = await createVaultCore({ dataDir: app.getPath('userData'), logger });
  const dialogs = createNativeDialogs({ getWindow, saveDirectory: app.getPath('downloads') });
  const router = createAppRouter(core, { contentUrl: contentUrlFor, dialogs }, logger);
  denyAllPermissions(logger);
  registerAppProtocol(rendererDir, logger);
  registerContentProtocol(core, logger);
  const unregister = registerIpcBridge(router, createAppSenderCheck(getWindow), logger);
  const stopForwarding = forwardEventsToWindow(core.events, getWindow);
  running = {
    core,
    stop: () => {
      stopForwarding();
      unregister();
    },
  };
  openMainWindow();
}

function failToStart(error: unknown): void {
  logger.log('error', 'DocuVault could not start', { error: error instanceof Error ? error.message : String(error) });
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
    .catch((error: unknown) => logger.log('error', 'closing the vault failed', { error: String(error) }))
    .finally(() => {
      vaultClosed = true;
      app.quit();
    });
}

function main(): void {
  // One app instance owns the database; a second launch hands over to the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  registerPrivilegedSchemes();
  app.on('second-instance', bringWindowForward);
  app.on('activate', () => {
    if (running && !mainWindow) openMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', closeCoreBeforeQuit);
  app.whenReady().then(start).catch(failToStart);
}

main();
