import { app, type Event as ElectronEvent } from 'electron';
import type { Logger } from '../core/ports';
import { deepLinkIn } from './deep-links';
import { filesInArgv } from './launch-files';
import type { LaunchContext } from './protocol-client';

/** What the app does with what the operating system hands it. */
export interface HandoffTargets {
  readonly openDeepLink: (url: string) => unknown;
  readonly offerFiles: (paths: readonly string[]) => unknown;
  readonly bringForward: () => void;
}

export interface OsHandoffOptions {
  readonly launch: LaunchContext;
  readonly logger: Logger;
  /** macOS sends one open-file per file of a multi-file drop: they are gathered for this long into one offer. */
  readonly fileGatherMs?: number;
}

/**
 * Everything the OS hands the app — deep links and files, from macOS events,
 * a second launch's argv or this launch's own argv — arrives here. Until the
 * app can act (the core is open and the window's page has loaded), it is kept;
 * then each deep link goes to the one deep-link handler and files are offered.
 */
export class OsHandoff {
  private targets: HandoffTargets | null = null;
  private readonly pendingLinks: string[] = [];
  private pendingFiles: string[] = [];
  private gatherTimer: NodeJS.Timeout | null = null;
  private readonly fileGatherMs: number;

  constructor(private readonly options: OsHandoffOptions) {
    this.fileGatherMs = options.fileGatherMs ?? 300;
  }

  /** Call before `ready`: macOS delivers the URL or file that launched the app before it. */
  listen(): void {
    app.on('open-url', (event: ElectronEvent, url: string) => {
      event.preventDefault();
      this.receiveDeepLink(url);
    });
    app.on('open-file', (event: ElectronEvent, path: string) => {
      event.preventDefault();
      this.receiveFiles([path]);
    });
    app.on('second-instance', (_event: ElectronEvent, argv: string[], workingDirectory: string) => {
      this.targets?.bringForward();
      void this.receiveLaunch(argv, workingDirectory);
    });
  }

  /** A launch's command line (this one's, or a second instance's): its deep link and its files. */
  async receiveLaunch(argv: readonly string[], workingDirectory: string): Promise<void> {
    const link = deepLinkIn(argv);
    if (link) this.receiveDeepLink(link);
    const { execPath, defaultApp } = this.options.launch;
    const ownPaths = defaultApp && this.options.launch.argv[1] ? [execPath, this.options.launch.argv[1]] : [execPath];
    const files = await filesInArgv(argv, { workingDirectory, ownPaths });
    if (files.length > 0) this.receiveFiles(files);
  }

  /** From now on, hand everything to `targets`, starting with what was kept. */
  attach(targets: HandoffTargets): void {
    this.targets = targets;
    for (const url of this.pendingLinks.splice(0)) this.deliverLink(url);
    if (this.pendingFiles.length > 0) this.flushFiles();
  }

  /** The app is closing its core: keep what arrives, deliver nothing. */
  detach(): void {
    this.targets = null;
    if (this.gatherTimer) clearTimeout(this.gatherTimer);
    this.gatherTimer = null;
  }

  private receiveDeepLink(url: string): void {
    if (this.targets) this.deliverLink(url);
    else this.pendingLinks.push(url);
  }

  private receiveFiles(paths: readonly string[]): void {
    this.pendingFiles.push(...paths);
    if (!this.targets) return;
    if (this.gatherTimer) clearTimeout(this.gatherTimer);
    this.gatherTimer = setTimeout(() => this.flushFiles(), this.fileGatherMs);
  }

  private deliverLink(url: string): void {
    try {
      void Promise.resolve(this.targets!.openDeepLink(url)).catch(() => undefined);
    } catch {
      // The handler logs its own failures; a throw must not stop later deliveries.
    }
  }

  private flushFiles(): void {
    if (this.gatherTimer) clearTimeout(this.gatherTimer);
    this.gatherTimer = null;
    const paths = [...new Set(this.pendingFiles)];
    this.pendingFiles = [];
    if (!this.targets || paths.length === 0) return;
    this.options.logger.log('info', 'files were handed to the app', { count: paths.length });
    this.targets.bringForward();
    this.targets.offerFiles(paths);
  }
}
