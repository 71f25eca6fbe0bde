import { appContentSecurityPolicy } from '../ipc/app-page-policy';

/** The same policy the Electron shell sends; document bytes come from the page's own origin here. */
export const APP_CONTENT_SECURITY_POLICY = appContentSecurityPolicy("'self'");

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
