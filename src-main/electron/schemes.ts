import { protocol } from 'electron';

/**
 * The two custom schemes. The app's pages come from `app://docuvault` (not
 * file://, so the page has a real origin that CSP, CORS and the IPC sender
 * check can name); document bytes come from `docuvault-content://document/<id>`,
 * a different origin, so a stored HTML or SVG file never shares the app's.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'docuvault';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

export const CONTENT_SCHEME = 'docuvault-content';
export const CONTENT_HOST = 'document';

export function contentUrlFor(documentId: string): string {
  return `${CONTENT_SCHEME}://${CONTENT_HOST}/${encodeURIComponent(documentId)}`;
}

/** Whether a URL belongs to the app's own pages (scheme and host both match). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Must run before `ready`: Chromium fixes scheme privileges at start-up. */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    {
      scheme: CONTENT_SCHEME,
      // stream + range requests for media and pdf.js; corsEnabled so the app origin may fetch() it.
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
    },
  ]);
}
