import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the preview keeps its vault when DOCUVAULT_DATA_DIR is not set. Deliberately
 * not the desktop app's folder: two processes recovering each other's half-done
 * uploads on one database would remove files the other is still writing.
 */
export function defaultPreviewDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'DocuVault Preview');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'DocuVault Preview');
    default:
      return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'docuvault-preview');
  }
}
