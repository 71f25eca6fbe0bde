import { resolve } from 'node:path';
import { app } from 'electron';
import type { Logger } from '../core/ports';
import { DEEP_LINK_SCHEME, MICROSOFT_REDIRECT_URL } from './deep-links';

/** What registration needs to know about how the app was started. */
export interface LaunchContext {
  readonly execPath: string;
  readonly argv: readonly string[];
  /** True when started as `electron <script>` (development), not as the packaged app. */
  readonly defaultApp: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function currentLaunchContext(): LaunchContext {
  return { execPath: process.execPath, argv: process.argv, defaultApp: process.defaultApp === true, env: process.env };
}

/**
 * Makes the OS send `docuvault://` links to this app. Returns whether links can
 * reach us. An AppImage runs from a temporary mount that changes every launch,
 * so whatever it registered would point nowhere next time: it does not try.
 * In development the OS must start Electron with our script, not bare Electron.
 */
export function registerDeepLinkScheme(context: LaunchContext, logger: Logger): boolean {
  if (context.env['APPIMAGE']) {
    logger.log('info', 'running as an AppImage: the docuvault scheme is not registered, sign-in uses a loopback redirect');
    return false;
  }
  let registered: boolean;
  const script = context.argv[1];
  if (context.defaultApp && script) {
    registered = app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, context.execPath, [resolve(script)]);
  } else {
    registered = app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  }
  if (!registered) logger.log('warn', 'the docuvault scheme could not be registered; sign-in uses a loopback redirect');
  return registered;
}

/**
 * The core's deepLinkRedirect option. Only Microsoft accepts a custom scheme
 * (Google desktop clients allow loopback only); without a registered scheme,
 * null makes the core fall back to a loopback redirect.
 */
export function deepLinkRedirectFor(schemeRegistered: boolean): (provider: 'google_drive' | 'onedrive') => string | null {
  return (provider) => (provider === 'onedrive' && schemeRegistered ? MICROSOFT_REDIRECT_URL : null);
}
