import { app, type BrowserWindow } from 'electron';

/**
 * Puts the window in front of the person: restored if minimized, shown if
 * hidden, focused. On macOS a window cannot take focus while its app is in the
 * background, so the app is activated first (a sign-in finishing in the
 * browser is exactly that case).
 */
export function bringToFront(window: BrowserWindow | null, platform: NodeJS.Platform = process.platform): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  if (platform === 'darwin') app.focus({ steal: true });
  window.focus();
}
