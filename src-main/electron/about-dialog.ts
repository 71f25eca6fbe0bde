import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dialog, shell, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { Logger } from '../core/ports';
import { licenseSummary, licensesAsText, readLicenses, type LicensesFile } from './third-party-licenses';

export interface AboutInfo {
  readonly appName: string;
  readonly version: string;
  /** process.versions in Electron: electron, chrome, node. */
  readonly versions: Readonly<Record<string, string | undefined>>;
  readonly licenses: LicensesFile | null;
}

/** The dialog's text: what a person reporting a problem is asked for, and what ships inside. */
export function aboutText({ appName, version, versions, licenses }: AboutInfo): { message: string; detail: string } {
  const detail = [
    `Version ${version}`,
    '',
    `Electron ${versions['electron'] ?? 'unknown'}`,
    `Chromium ${versions['chrome'] ?? 'unknown'}`,
    `Node.js ${versions['node'] ?? 'unknown'}`,
    '',
    licenses
      ? `Includes ${licenses.packages.length} open-source packages: ${licenseSummary(licenses.packages)}.`
      : 'The list of open-source packages is not part of this build.',
  ];
  return { message: appName, detail: detail.join('\n') };
}

const LICENSES_BUTTON = 1;

export interface AboutDialogOptions {
  readonly window: BrowserWindow | null;
  readonly appName: string;
  readonly version: string;
  readonly licensesFile: string;
  /** Where the licences text is written to be opened (the OS temp folder). */
  readonly tempDir: string;
  readonly logger: Logger;
}

/** About, with a button that opens the full third-party notices in the system's text viewer. */
export async function showAboutDialog(options: AboutDialogOptions): Promise<void> {
  const licenses = await readLicenses(options.licensesFile);
  const { message, detail } = aboutText({ appName: options.appName, version: options.version, versions: process.versions, licenses });
  const box: MessageBoxOptions = {
    type: 'info',
    title: `About ${options.appName}`,
    message,
    detail,
    buttons: licenses ? ['OK', 'Third-Party Licenses'] : ['OK'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const window = options.window && !options.window.isDestroyed() ? options.window : null;
  const { response } = window ? await dialog.showMessageBox(window, box) : await dialog.showMessageBox(box);
  if (response !== LICENSES_BUTTON || !licenses) return;
  const file = join(options.tempDir, `${options.appName} third-party licenses.txt`);
  try {
    await writeFile(file, licensesAsText(licenses), 'utf8');
    const problem = await shell.openPath(file);
    if (problem) options.logger.log('warn', 'the licenses file could not be opened', { problem });
  } catch (error) {
    options.logger.log('warn', 'the licenses file could not be written', { error: error instanceof Error ? error.message : String(error) });
  }
}
