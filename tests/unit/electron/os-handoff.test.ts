import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src-main/core/ports';
import { createDeepLinkHandler } from '../../../src-main/electron/deep-links';
import { filesInArgv } from '../../../src-main/electron/launch-files';
import { OsHandoff, type HandoffTargets } from '../../../src-main/electron/os-handoff';
import type { LaunchContext } from '../../../src-main/electron/protocol-client';
import { app, resetElectronDouble } from '../../support/electron-double';

const exe = '/opt/DocuVault/docuvault';
const launch: LaunchContext = { execPath: exe, argv: [exe], defaultApp: false, env: {} };
const link = 'docuvault://oauth/microsoft?code=c0de&state=st4te';
let dir: string;
let report: string;
let scan: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docuvault-handoff-'));
  report = join(dir, 'report.pdf');
  scan = join(dir, 'scan 2.png');
  await writeFile(report, 'pdf');
  await writeFile(scan, 'png');
  await mkdir(join(dir, 'a folder'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Targets whose deep links go through the real one handler, to a recording core. */
function targets() {
  const signIn = { handleRedirectUrl: vi.fn(async () => undefined) };
  const handle = createDeepLinkHandler({ signIn, logger: silentLogger });
  const openDeepLink = vi.fn(handle);
  const offerFiles = vi.fn((_paths: readonly string[]) => undefined);
  const bringForward = vi.fn();
  const value: HandoffTargets = { openDeepLink, offerFiles, bringForward };
  return { value, signIn, openDeepLink, offerFiles, bringForward };
}

function startHandoff(options: { fileGatherMs?: number } = {}) {
  const handoff = new OsHandoff({ launch, logger: silentLogger, fileGatherMs: options.fileGatherMs ?? 0 });
  handoff.listen();
  return handoff;
}

describe('what the OS hands the app', () => {
  beforeEach(() => resetElectronDouble());

  it('claims a macOS open-url before ready, keeps it, and hands it to the core once attached', async () => {
    const handoff = startHandoff();
    expect(app.isReady()).toBe(false);
    expect(app.fireOpenUrl(link)).toBe(true);
    const t = targets();
    app.fireReady();
    expect(t.signIn.handleRedirectUrl).not.toHaveBeenCalled();
    handoff.attach(t.value);
    await vi.waitFor(() => expect(t.signIn.handleRedirectUrl).toHaveBeenCalledWith(link));
    expect(t.openDeepLink).toHaveBeenCalledTimes(1);
  });

  it('finds the link in a second instance’s shuffled argv, and brings the window forward', async () => {
    const handoff = startHandoff();
    const t = targets();
    handoff.attach(t.value);
    app.fireSecondInstance(['--allow-file-access-from-files', link, exe, '--original-process-start-time=13378']);
    await vi.waitFor(() => expect(t.signIn.handleRedirectUrl).toHaveBeenCalledWith(link));
    expect(t.bringForward).toHaveBeenCalled();
    expect(t.offerFiles).not.toHaveBeenCalled();
  });

  it('keeps a link that arrives before the window exists and delivers it once it does', async () => {
    const handoff = startHandoff();
    app.fireSecondInstance([exe, link]);
    await handoff.receiveLaunch([exe], '/');
    const t = targets();
    expect(t.openDeepLink).not.toHaveBeenCalled();
    handoff.attach(t.value);
    await vi.waitFor(() => expect(t.signIn.handleRedirectUrl).toHaveBeenCalledTimes(1));
  });

  it('routes every way a link arrives through the one handler', async () => {
    const handoff = startHandoff();
    app.fireOpenUrl(`${link}&via=open-url`);
    await handoff.receiveLaunch([exe, `${link}&via=first-launch`], '/');
    const t = targets();
    handoff.attach(t.value);
    app.fireSecondInstance([`${link}&via=second-instance`, exe]);
    await vi.waitFor(() => expect(t.signIn.handleRedirectUrl).toHaveBeenCalledTimes(3));
    expect(t.openDeepLink.mock.calls.map(([url]) => new URL(url).searchParams.get('via'))).toEqual(['open-url', 'first-launch', 'second-instance']);
  });

  it('ignores a launch without a docuvault link, and sends the core no other scheme', async () => {
    const handoff = startHandoff();
    const t = targets();
    handoff.attach(t.value);
    app.fireSecondInstance([exe, '--flag', 'https://evil.example/oauth?code=x', 'docuvault-content://document/1']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.openDeepLink).not.toHaveBeenCalled();
    app.fireOpenUrl('docuvault://settings/danger');
    await vi.waitFor(() => expect(t.openDeepLink).toHaveBeenCalledTimes(1));
    expect(t.signIn.handleRedirectUrl).not.toHaveBeenCalled();
  });

  it('offers files from a second launch’s argv, without the executable, flags, folders or the link', async () => {
    const handoff = startHandoff();
    const t = targets();
    handoff.attach(t.value);
    app.fireSecondInstance(['--some-switch', exe, 'report.pdf', link, scan, join(dir, 'a folder'), join(dir, 'missing.txt')], dir);
    await vi.waitFor(() => expect(t.offerFiles).toHaveBeenCalledWith([report, scan]));
    expect(t.bringForward).toHaveBeenCalled();
  });

  it('offers the first launch’s files once attached, and macOS open-file events gathered into one offer', async () => {
    vi.useFakeTimers();
    try {
      const handoff = startHandoff({ fileGatherMs: 300 });
      expect(app.fireOpenFile(report)).toBe(true);
      const t = targets();
      handoff.attach(t.value);
      expect(t.offerFiles).toHaveBeenCalledWith([report]);
      app.fireOpenFile(report);
      app.fireOpenFile(scan);
      expect(t.offerFiles).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(300);
      expect(t.offerFiles).toHaveBeenLastCalledWith([report, scan]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps what arrives after detach, for a later attach', async () => {
    const handoff = startHandoff();
    const first = targets();
    handoff.attach(first.value);
    handoff.detach();
    app.fireOpenUrl(link);
    const second = targets();
    handoff.attach(second.value);
    await vi.waitFor(() => expect(second.signIn.handleRedirectUrl).toHaveBeenCalledTimes(1));
    expect(first.openDeepLink).not.toHaveBeenCalled();
  });
});

describe('files in a command line', () => {
  it('in development leaves out Electron and the script, wherever they are', async () => {
    const script = join(dir, 'main.cjs');
    await writeFile(script, '');
    const files = await filesInArgv(['/e/electron', report, script, '--inspect'], { workingDirectory: dir, ownPaths: ['/e/electron', 'main.cjs'] });
    expect(files).toEqual([report]);
  });
});
