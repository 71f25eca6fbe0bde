import { EventEmitter } from 'node:events';
import { PreventableEvent } from './preventable-event';

/**
 * `app`: lifecycle events the test fires by hand. Quitting follows Electron's
 * order (before-quit → will-quit → quit), and will-quit can be vetoed, so a
 * shutdown that defers the quit to close resources can be exercised.
 */
export class FakeApp extends EventEmitter {
  readonly name = 'DocuVault';
  readonly isPackaged = false;
  quitRequests = 0;
  exitCode: number | null = null;
  hasQuit = false;
  singleInstanceLock = true;
  sandboxEnabled = false;
  readonly paths = new Map<string, string>();
  private ready = false;
  private resolveReady!: () => void;
  private readyPromise!: Promise<void>;

  constructor() {
    super();
    this.reset();
  }

  reset(): void {
    this.removeAllListeners();
    this.ready = false;
    this.quitRequests = 0;
    this.exitCode = null;
    this.hasQuit = false;
    this.singleInstanceLock = true;
    this.sandboxEnabled = false;
    this.paths.clear();
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }

  isReady(): boolean {
    return this.ready;
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  /** Test control: what Electron does once Chromium has started. */
  fireReady(): void {
    if (this.ready) throw new Error('ready fired twice');
    this.ready = true;
    this.emit('ready', new PreventableEvent(), {});
    this.resolveReady();
  }

  /** Test control: macOS hands the app a URL (a deep link), possibly before ready. Returns whether it was claimed. */
  fireOpenUrl(url: string): boolean {
    const event = new PreventableEvent();
    this.emit('open-url', event, url);
    return event.defaultPrevented;
  }

  /** Test control: another launch of the app, on Windows and Linux carrying a deep link somewhere in argv. */
  fireSecondInstance(argv: readonly string[], workingDirectory = '/'): void {
    this.emit('second-instance', new PreventableEvent(), [...argv], workingDirectory, {});
  }

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`electron double: no path configured for app.getPath('${name}')`);
    return path;
  }

  getVersion(): string {
    return '0.0.0-test';
  }

  enableSandbox(): void {
    if (this.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }

  quit(): void {
    this.quitRequests += 1;
    const beforeQuit = new PreventableEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    const willQuit = new PreventableEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.hasQuit = true;
    this.emit('quit', new PreventableEvent(), 0);
  }

  exit(code = 0): void {
    this.exitCode = code;
    this.hasQuit = true;
  }
}
