import type { BrowserWindow } from 'electron';

/**
 * Settles once the window's page has loaded (its scripts ran and subscribed to
 * events), or failed to, or the window closed: whatever waits on it must not
 * wait forever.
 */
export function whenPageLoaded(window: BrowserWindow): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      window.webContents.off('did-finish-load', done);
      window.webContents.off('did-fail-load', done);
      window.off('closed', done);
      resolve();
    };
    window.webContents.on('did-finish-load', done);
    window.webContents.on('did-fail-load', done);
    window.on('closed', done);
  });
}
