import { EventEmitter } from 'node:events';
import type { FakeSession } from './fake-session';
import { preventableEvent } from './preventable-event';

let nextId = 1;

/** A frame: the main frame of a window's page, or an iframe inside it. */
export class FakeWebFrameMain extends EventEmitter {
  readonly routingId = nextId++;
  readonly frames: FakeWebFrameMain[] = [];
  detached = false;

  constructor(
    readonly webContents: FakeWebContents,
    public url: string,
    readonly parent: FakeWebFrameMain | null,
  ) {
    super();
  }

  get processId(): number {
    return this.webContents.id;
  }

  get top(): FakeWebFrameMain {
    return this.parent ? this.parent.top : this;
  }

  get origin(): string {
    try {
      return new URL(this.url).origin;
    } catch {
      return 'null';
    }
  }

  isDestroyed(): boolean {
    return this.webContents.isDestroyed();
  }
}

export interface SentMessage {
  readonly channel: string;
  readonly args: unknown[];
}

export interface WindowOpenDetails {
  readonly url: string;
  readonly frameName: string;
  readonly features: string;
  readonly disposition: string;
}

type WindowOpenHandler = (details: WindowOpenDetails) => { action: 'allow' | 'deny' };

/** `webContents`: records what main sends and lets tests play navigations and window.open calls. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly sent: SentMessage[] = [];
  readonly mainFrame: FakeWebFrameMain;
  windowOpenHandler: WindowOpenHandler | null = null;
  private destroyed = false;

  constructor(readonly session: FakeSession) {
    super();
    this.mainFrame = new FakeWebFrameMain(this, '', null);
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  /** Like Electron, the promise settles once the page has loaded, after `did-finish-load`. */
  async loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
    await Promise.resolve();
    if (!this.destroyed) this.emit('did-finish-load');
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args: args.map((arg) => structuredClone(arg)) });
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.mainFrame.detached = true;
  }

  /** Test control: an iframe inside the page. */
  addChildFrame(url: string): FakeWebFrameMain {
    const frame = new FakeWebFrameMain(this, url, this.mainFrame);
    this.mainFrame.frames.push(frame);
    return frame;
  }

  /** Test control: the page (or a link in it) starts a top-level navigation. Returns whether it was prevented. */
  simulateNavigation(url: string): boolean {
    const details = { url, isMainFrame: true, isSameDocument: false, frame: this.mainFrame };
    const frameEvent = preventableEvent(details);
    this.emit('will-frame-navigate', frameEvent);
    const navigateEvent = preventableEvent(details);
    this.emit('will-navigate', navigateEvent, url, false, true);
    return frameEvent.defaultPrevented || navigateEvent.defaultPrevented;
  }

  /** Test control: a navigation inside an iframe. Returns whether it was prevented. */
  simulateFrameNavigation(frame: FakeWebFrameMain, url: string): boolean {
    const event = preventableEvent({ url, isMainFrame: false, isSameDocument: false, frame });
    this.emit('will-frame-navigate', event);
    return event.defaultPrevented;
  }

  /** Test control: `window.open` or a target=_blank link. Electron allows it when no handler is set. */
  simulateWindowOpen(url: string): 'allow' | 'deny' {
    if (!this.windowOpenHandler) return 'allow';
    return this.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' }).action;
  }

  /** Test control: a `<webview>` about to attach. Returns whether it was prevented. */
  simulateAttachWebview(src: string): boolean {
    const event = preventableEvent({});
    this.emit('will-attach-webview', event, {}, { src });
    return event.defaultPrevented;
  }
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FakeWindowOptions {
  readonly webPreferences?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

/** `BrowserWindow`: records its options; every window shares the default session. */
export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  static defaultSession: FakeSession;

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((window) => !window.isDestroyed());
  }

  static reset(): void {
    FakeBrowserWindow.instances.length = 0;
  }

  readonly id = nextId++;
  readonly webContents: FakeWebContents;
  visible = false;
  focused = false;
  minimized = false;
  maximized = false;
  /** Every value given to `setProgressBar`, in order (-1 removes the bar). */
  readonly progressBar: number[] = [];
  private bounds: Rectangle;
  private destroyed = false;

  constructor(readonly options: FakeWindowOptions = {}) {
    super();
    this.webContents = new FakeWebContents(FakeBrowserWindow.defaultSession);
    this.visible = options['show'] !== false;
    const number = (key: string, fallback: number) => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
    const width = number('width', 800);
    const height = number('height', 600);
    // Electron centres a window given no position.
    this.bounds = { x: number('x', Math.round((1920 - width) / 2)), y: number('y', Math.round((1080 - height) / 2)), width, height };
    FakeBrowserWindow.instances.push(this);
  }

  getBounds(): Rectangle {
    return { ...this.bounds };
  }

  /** The bounds the window returns to when un-maximized. The double keeps them across maximize. */
  getNormalBounds(): Rectangle {
    return { ...this.bounds };
  }

  setBounds(bounds: Partial<Rectangle>): void {
    this.bounds = { ...this.bounds, ...bounds };
    this.emit('resize');
    this.emit('move');
  }

  /** Test control: the person drags or resizes the window. */
  simulateUserBounds(bounds: Partial<Rectangle>): void {
    this.setBounds(bounds);
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  maximize(): void {
    this.maximized = true;
    this.emit('maximize');
  }

  unmaximize(): void {
    this.maximized = false;
    this.emit('unmaximize');
  }

  isFocused(): boolean {
    return this.focused;
  }

  /** Test control: the person switches to another app. */
  blur(): void {
    this.focused = false;
    this.emit('blur');
  }

  setProgressBar(progress: number): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.progressBar.push(progress);
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  show(): void {
    this.visible = true;
  }

  focus(): void {
    this.focused = true;
    this.emit('focus');
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  minimize(): void {
    this.minimized = true;
  }

  restore(): void {
    this.minimized = false;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  close(): void {
    const event = preventableEvent({});
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}
