import type { Logger } from '../core/ports';

/** The app's own URL scheme, registered by the installers and at runtime. */
export const DEEP_LINK_SCHEME = 'docuvault';

/** Microsoft sign-in returns here (the redirect URI registered for the app). */
export const MICROSOFT_REDIRECT_URL = `${DEEP_LINK_SCHEME}://oauth/microsoft`;

/** Whether a command-line argument or OS-supplied URL is one of our deep links. */
export function isDeepLink(candidate: string): boolean {
  return candidate.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`);
}

/**
 * The deep link among a launch's arguments. Found by its scheme, never by its
 * position: Chromium moves switches around, and Windows adds its own.
 */
export function deepLinkIn(argv: readonly string[]): string | null {
  return argv.find(isDeepLink) ?? null;
}

/** `docuvault://oauth/<provider>?…`: a sign-in redirect for the core. */
export function isSignInRedirect(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${DEEP_LINK_SCHEME}:` && parsed.host === 'oauth';
  } catch {
    return false;
  }
}

export interface DeepLinkTargets {
  readonly signIn: { handleRedirectUrl(url: string): Promise<void> };
  readonly logger: Logger;
}

/**
 * The one place a deep link is acted on, whichever way it arrived (macOS
 * open-url, a second instance's argv, the first launch's argv). Only sign-in
 * redirects are understood; anything else is ignored. The URL itself is never
 * logged: its query carries the authorization code and state.
 */
export function createDeepLinkHandler({ signIn, logger }: DeepLinkTargets): (url: string) => Promise<void> {
  return async (url) => {
    if (!isSignInRedirect(url)) {
      logger.log('warn', 'ignored a deep link the app does not understand');
      return;
    }
    try {
      await signIn.handleRedirectUrl(url);
    } catch (error) {
      logger.log('error', 'a sign-in redirect could not be completed', { error: error instanceof Error ? error.name : 'unknown' });
    }
  };
}
