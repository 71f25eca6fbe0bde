import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/ports';
import { aboutText, showAboutDialog } from '../../../src-main/electron/about-dialog';
import { openLogsFolder, reportIssue, reportIssueUrl } from '../../../src-main/electron/help-actions';
import { licenseSummary, licensesAsText, readLicenses, type LicensesFile } from '../../../src-main/electron/third-party-licenses';
import { app, dialog, resetElectronDouble, shell } from '../../support/electron-double';

const licenses: LicensesFile = {
  generatedFor: 'DocuVault 1.2.3',
  packages: [
    { name: 'better-sqlite3', version: '12.6.2', license: 'MIT', repository: 'https://github.com/WiseLibs/better-sqlite3.git', text: 'The MIT License\nCopyright (c) Joshua Wise' },
    { name: 'zod', version: '4.6.7', license: 'MIT', text: null },
    { name: 'tslib', version: '2.8.1', license: '0BSD' },
  ],
};

let dir: string;

beforeEach(async () => {
  resetElectronDouble();
  dir = await mkdtemp(join(tmpdir(), 'docuvault-about-'));
  app.paths.set('logs', join(dir, 'logs'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('About', () => {
  it('says the version, the Electron, Chromium and Node versions, and what open source ships inside', () => {
    const { message, detail } = aboutText({ appName: 'DocuVault', version: '1.2.3', versions: { electron: '45.3.4', chrome: '140.0.7339.41', node: '22.18.0' }, licenses });
    expect(message).toBe('DocuVault');
    expect(detail).toBe(
      ['Version 1.2.3', '', 'Electron 45.3.4', 'Chromium 140.0.7339.41', 'Node.js 22.18.0', '', 'Includes 3 open-source packages: MIT (2), 0BSD (1).'].join('\n'),
    );
  });

  it('says so when a build has no licence list', () => {
    expect(aboutText({ appName: 'DocuVault', version: '1', versions: {}, licenses: null }).detail).toMatch(/Electron unknown[\s\S]*not part of this build/);
  });

  it('opens the full notices as a text file from its second button', async () => {
    const licensesFile = join(dir, 'licenses.json');
    await writeFile(licensesFile, JSON.stringify(licenses));
    dialog.nextMessageResponse = 1;
    await showAboutDialog({ window: null, appName: 'DocuVault', version: '1.2.3', licensesFile, tempDir: dir, logger: silentLogger });
    expect(dialog.shown[0]).toMatchObject({ kind: 'message', options: { title: 'About DocuVault', buttons: ['OK', 'Third-Party Licenses'] } });
    const opened = shell.openedPaths[0]!;
    expect(opened).toBe(join(dir, 'DocuVault third-party licenses.txt'));
    const text = await readFile(opened, 'utf8');
    expect(text).toContain('better-sqlite3 12.6.2\nLicense: MIT\nSource: https://github.com/WiseLibs/better-sqlite3.git\n\nThe MIT License');
    expect(text).toContain('tslib 2.8.1\nLicense: 0BSD');
  });

  it('opens nothing on OK, and has no licences button without the file', async () => {
    await showAboutDialog({ window: null, appName: 'DocuVault', version: '1', licensesFile: join(dir, 'none.json'), tempDir: dir, logger: silentLogger });
    expect(dialog.shown[0]!.options['buttons']).toEqual(['OK']);
    expect(shell.openedPaths).toEqual([]);
  });

  it('reads only a well-formed licences file', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ packages: 'nope' }));
    expect(await readLicenses(bad)).toBeNull();
    expect(licenseSummary([])).toBe('');
    expect(licensesAsText({ generatedFor: 'X 1', packages: [] })).toMatch(/^Third-party software in X 1/);
  });
});

describe('Help', () => {
  it('“Report an issue” opens the issue form with the version and OS, nothing personal', () => {
    reportIssue();
    expect(shell.openedExternal).toEqual([reportIssueUrl('0.0.0-test', process.platform, process.arch)]);
    expect(reportIssueUrl('1.2.3', 'darwin', 'arm64')).toBe('https://docuvault.app/support/report-issue?version=1.2.3&os=darwin-arm64');
  });

  it('“Open logs folder” opens the app’s logs folder', () => {
    openLogsFolder(silentLogger);
    expect(shell.openedPaths).toEqual([join(dir, 'logs')]);
  });
});
