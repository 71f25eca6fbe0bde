import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from './schemes';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * Only the app's own page may call main: the top frame of our window, showing
 * a page from the app scheme. An iframe (document content), another window,
 * or our window after it somehow reached another URL is refused.
 */
export function createAppSenderCheck(getWindow: () => BrowserWindow | null): SenderCheck {
  return (event) => {
    const window = getWindow();
    if (!window || window.isDestroyed()) return false;
    const frame = event.senderFrame;
    if (!frame || event.sender !== window.webContents) return false;
    if (frame.parent !== null) return false;
    return isAppUrl(frame.url);
  };
}
