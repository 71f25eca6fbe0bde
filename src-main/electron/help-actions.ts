import { app, shell } from 'electron';
import type { Logger } from '../core/ports';
import { openExternalIfAllowed } from './external-links';

/** The issue form on the app's site, told which version and OS the report is about (nothing personal). */
export function reportIssueUrl(version: string, platform: NodeJS.Platform, arch: string): string {
  const url = new URL('https://docuvault.app/support/report-issue');
  url.searchParams.set('version', version);
  url.searchParams.set('os', `${platform}-${arch}`);
  return url.toString();
}

export function reportIssue(): void {
  openExternalIfAllowed(reportIssueUrl(app.getVersion(), process.platform, process.arch));
}

/** Opens the folder with the (redacted) log files, so a person can attach them to a report. */
export function openLogsFolder(logger: Logger): void {
  const dir = app.getPath('logs');
  shell.openPath(dir).then(
    (problem) => {
      if (problem) logger.log('warn', 'the logs folder could not be opened', { problem });
    },
    () => logger.log('warn', 'the logs folder could not be opened'),
  );
}
