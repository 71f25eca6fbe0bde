import { session, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/ports';
import { openExternalIfAllowed } from './external-links';
import { CONTENT_SCHEME } from './schemes';

/** Where a page tried to go, without path or query: those can carry tokens, and logs keep no secrets. */
function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(not a URL)';
  }
}

/**
 * The window never leaves the app: top-level navigation and new windows are
 * refused (an allow-listed https link goes to the system browser instead),
 * iframes may only show document content, and <webview> never attaches.
 */
export function lockDownWebContents(contents: WebContents, logger: Logger): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    if (!openExternalIfAllowed(event.url)) logger.log('warn', 'navigation refused', { to: originOf(event.url) });
  });
  contents.on('will-frame-navigate', (event) => {
    // The main frame is will-navigate's business; here only iframes, which show document bytes and nothing else.
    if (event.isMainFrame) return;
    if (!event.url.startsWith(`${CONTENT_SCHEME}:`)) {
      event.preventDefault();
      logger.log('warn', 'frame navigation refused', { to: originOf(event.url) });
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (!openExternalIfAllowed(url)) logger.log('warn', 'new window refused', { to: originOf(url) });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * No web permission (camera, notifications, geolocation, clipboard, devices…)
 * is ever granted: the app needs none, so a request can only come from
 * content that should not have it.
 */
export function denyAllPermissions(logger: Logger, target: Session = session.defaultSession): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.log('info', 'permission request denied', { permission });
    callback(false);
  });
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}
