import { BrowserWindow, type WebPreferences } from 'electron';
import type { Logger } from '../core/ports';
import { APP_START_URL } from './schemes';
import { lockDownWebContents } from './security';
import type { Rect } from './window-placement';

/** The size of a first window, before the person has chosen one. */
export const DEFAULT_WINDOW_SIZE = { width: 1200, height: 800 } as const;

/**
 * The page runs with no Node, in Chromium's sandbox, isolated from the
 * preload; it reaches main only through the preload's `window.docuvault`.
 */
export function appWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // A file dropped outside a drop zone must not replace the app with the file.
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export interface AppWindowOptions {
  readonly preloadPath: string;
  readonly logger: Logger;
  readonly startUrl?: string;
  /** Where the window opens (the last place the person left it); centred at the default size when absent. */
  readonly bounds?: Rect;
}

/** The one main window, locked down before it loads anything. */
export function createAppWindow({ preloadPath, logger, startUrl = APP_START_URL, bounds }: AppWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'DocuVault',
    ...(bounds ?? DEFAULT_WINDOW_SIZE),
    minWidth: 720,
    minHeight: 480,
    // Shown once the first paint is ready, so the person never sees a blank frame.
    show: false,
    webPreferences: appWebPreferences(preloadPath),
  });
  lockDownWebContents(window.webContents, logger);
  window.once('ready-to-show', () => window.show());
  window.loadURL(startUrl).catch((error: unknown) => {
    logger.log('error', 'the app page did not load', { error: error instanceof Error ? error.message : String(error) });
  });
  return window;
}
