/**
 * A test double of the `electron` module. Vitest's `node` project aliases
 * `electron` to this file, so code in src-main/electron runs unchanged against
 * it; the smoke test hands the same objects to the built bundle.
 *
 * Every export is a long-lived object (code under test keeps references to
 * them), so tests call `resetElectronDouble()` instead of making new ones.
 */
import { FakeApp } from './fake-app';
import { FakeMenu, FakeNotification, FakeSafeStorage, FakeScreen } from './fake-desktop';
import { FakeIpcMain, FakeIpcRenderer } from './fake-ipc';
import { FakeContextBridge, FakeWebUtils } from './fake-renderer';
import { FakeProtocol, FakeSession } from './fake-session';
import { FakeDialog, FakeShell } from './fake-system';
import { FakeBrowserWindow } from './fake-windows';

export const app = new FakeApp();
export const protocol = new FakeProtocol(app);
const defaultSession = new FakeSession(protocol);
export const session = { defaultSession };
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer(ipcMain);
export const dialog = new FakeDialog();
export const shell = new FakeShell();
export const contextBridge = new FakeContextBridge();
export const webUtils = new FakeWebUtils();
export const safeStorage = new FakeSafeStorage(app);
export const screen = new FakeScreen();
FakeBrowserWindow.defaultSession = defaultSession;
export { FakeBrowserWindow as BrowserWindow, FakeMenu as Menu, FakeNotification as Notification };

export function resetElectronDouble(): void {
  app.reset();
  protocol.reset();
  defaultSession.reset();
  ipcMain.reset();
  ipcRenderer.reset();
  dialog.reset();
  shell.reset();
  contextBridge.reset();
  webUtils.reset();
  safeStorage.reset();
  screen.reset();
  FakeBrowserWindow.reset();
  FakeMenu.reset();
  FakeNotification.reset();
}

/** The module object to hand to code that `require('electron')`s (the built bundle). */
export const electronModule = {
  app,
  protocol,
  session,
  ipcMain,
  ipcRenderer,
  dialog,
  shell,
  contextBridge,
  webUtils,
  safeStorage,
  screen,
  BrowserWindow: FakeBrowserWindow,
  Menu: FakeMenu,
  Notification: FakeNotification,
};

export type { FakeInvokeEvent } from './fake-ipc';
export { FakeWebContents, FakeWebFrameMain, type Rectangle } from './fake-windows';
export { display, type FakeDisplay } from './fake-desktop';
export { PreventableEvent } from './preventable-event';
