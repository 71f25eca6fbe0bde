/**
 * The app page's policy: the same one the Electron shell sends. Scripts and
 * styles only from our own origin; blob: for pdf.js's worker and for image
 * previews; no plugins, no base rewriting, no form posts, never framed.
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const BRIDGE_SCRIPT_PATH = '/__docuvault/bridge.js';

const BRIDGE_TAG = `<script defer src="${BRIDGE_SCRIPT_PATH}"></script>`;

/**
 * Puts the bridge script in front of the app's first script, so `window.docuvault`
 * exists before any app code runs (as the Electron preload guarantees). Deferred
 * classic scripts and module scripts run in document order once parsing ends, so
 * the bridge still runs first without blocking the parser while it downloads.
 */
export function injectBridgeScript(html: string): string {
  const firstScript = html.search(/<script\b/i);
  if (firstScript >= 0) return html.slice(0, firstScript) + BRIDGE_TAG + html.slice(firstScript);
  const headEnd = html.search(/<\/head>/i);
  if (headEnd >= 0) return html.slice(0, headEnd) + BRIDGE_TAG + html.slice(headEnd);
  throw new Error('The renderer page has neither a script nor a </head> to place the bridge before.');
}
