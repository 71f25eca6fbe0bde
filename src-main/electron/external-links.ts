import { shell } from 'electron';

/**
 * Hosts the app may send the person to, in their own browser. Anything else a
 * link or window.open names goes nowhere: a compromised page must not be able
 * to open arbitrary URLs (or file:, smb: and other schemes) through the OS.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['docuvault.app', 'www.docuvault.app'];

export function isAllowedExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    hosts.includes(parsed.hostname)
  );
}

/** Opens an allow-listed https URL in the system browser; everything else is dropped. */
export function openExternalIfAllowed(url: string): boolean {
  if (!isAllowedExternalUrl(url)) return false;
  shell.openExternal(url).catch(() => undefined);
  return true;
}
