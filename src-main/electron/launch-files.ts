import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { isDeepLink } from './deep-links';

export interface LaunchFilesOptions {
  /** Where the launch happened: relative paths are relative to it. */
  readonly workingDirectory: string;
  /** Arguments that are the app itself: the executable, and in development the script. */
  readonly ownPaths: readonly string[];
}

/** `--flag`, `-x`, and on Windows `/flag`-style switches some launchers add. */
function isSwitch(arg: string): boolean {
  return arg.startsWith('-') || (process.platform === 'win32' && /^\/[a-z]/i.test(arg));
}

/** `https://…`, `file:…` and the like: a URL is not a file to upload (ours is a deep link). */
function isUrl(arg: string): boolean {
  return isDeepLink(arg) || /^[a-z][a-z0-9+.-]+:\/\//i.test(arg);
}

/**
 * Files a launch asked the app to open ("Open with", a drop on the program's
 * icon, `docuvault report.pdf`). The executable, the development script,
 * switches, URLs (the deep link) and anything that is not an existing regular
 * file are left out, wherever they are in argv.
 */
export async function filesInArgv(argv: readonly string[], { workingDirectory, ownPaths }: LaunchFilesOptions): Promise<string[]> {
  const own = new Set(ownPaths.map((path) => resolve(workingDirectory, path)));
  const candidates = argv
    .slice(1)
    .filter((arg) => arg.length > 0 && !isSwitch(arg) && !isUrl(arg))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(workingDirectory, arg)))
    .filter((path) => !own.has(path));
  const checks = await Promise.all(
    candidates.map(async (path) => {
      try {
        return (await stat(path)).isFile() ? path : null;
      } catch {
        return null;
      }
    }),
  );
  return [...new Set(checks.filter((path): path is string => path !== null))];
}
