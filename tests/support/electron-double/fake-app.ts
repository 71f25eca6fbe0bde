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
  /** What `setAsDefaultProtocolClient` was asked, and whether the OS "accepts" it. */
  readonly protocolClients: { scheme: string; path?: string; args?: string[] }[] = [];
  acceptProtocolClient = true;
  /** Calls of `app.focus()`, with their options. */
  readonly focusRequests: { steal?: boolean }[] = [];
  aboutPanelOptions: Record<string, unknown> | null = null;
  appUserModelId: string | null = null;
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
    this.protocolClients.length = 0;
    this.acceptProtocolClient = true;
    this.focusRequests.length = 0;
    this.aboutPanelOptions = null;
    this.appUserModelId = null;
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

  /** Test control: macOS hands the app a file (dock drop, "Open with"), possibly before ready. Returns whether it was claimed. */
  fireOpenFile(path: string): boolean {
    const event = new PreventableEvent();
    this.emit('open-file', event, path);
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

  getName(): string {
    return this.name;
  }

  setAsDefaultProtocolClient(scheme: string, path?: string, args?: string[]): boolean {
    this.protocolClients.push({ scheme, ...(path === undefined ? {} : { path }), ...(args === undefined ? {} : { args: [...args] }) });
    return this.acceptProtocolClient;
  }

  isDefaultProtocolClient(scheme: string): boolean {
    return this.acceptProtocolClient && this.protocolClients.some((client) => client.scheme === scheme);
  }

  focus(options: { steal?: boolean } = {}): void {
    this.focusRequests.push({ ...options });
  }

  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  setAboutPanelOptions(options: Record<string, unknown>): void {
    this.aboutPanelOptions = structuredClone(options);
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
