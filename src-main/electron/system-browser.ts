import { shell } from 'electron';
import type { BrowserLauncher } from '../core/ports';

/** Only web pages go to the browser: a file:, smb: or custom-scheme URL handed to the OS could run or mount something. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The core's BrowserLauncher: sign-in pages open in the person's own browser
 * (RFC 8252), never in an embedded window. http is allowed for loopback and
 * self-hosted servers (Nextcloud on a LAN); anything not http(s) is refused.
 */
export const systemBrowser: BrowserLauncher = {
  async open(url) {
    if (!isWebUrl(url)) throw new Error('Only web addresses can be opened in the browser.');
    await shell.openExternal(url);
  },
};
