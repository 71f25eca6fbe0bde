import type { FakeApp } from './fake-app';
import type { FakeWebContents } from './fake-windows';

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export interface PrivilegedScheme {
  readonly scheme: string;
  readonly privileges?: Readonly<Record<string, boolean>>;
}

/**
 * `protocol`: Electron only takes privileged schemes before `ready` and handlers
 * after it; the double enforces both so a wrong order in main fails a test.
 */
export class FakeProtocol {
  readonly privileged: PrivilegedScheme[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  constructor(private readonly app: FakeApp) {}

  reset(): void {
    this.privileged.length = 0;
    this.handlers.clear();
  }

  registerSchemesAsPrivileged(schemes: PrivilegedScheme[]): void {
    if (this.app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...structuredClone(schemes));
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    if (!this.app.isReady()) throw new Error('protocol.handle can only be used after the app is ready');
    if (this.handlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
    this.handlers.set(scheme, handler);
  }

  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }

  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  privilegesOf(scheme: string): Readonly<Record<string, boolean>> | undefined {
    return this.privileged.find((entry) => entry.scheme === scheme)?.privileges;
  }

  /** Test control: a request the page (or Chromium's media stack) makes to a custom scheme. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.replace(/:$/, '');
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME (${url})`);
    return handler(new Request(url, init));
  }
}

type PermissionRequestHandler = (
  webContents: FakeWebContents | null,
  permission: string,
  callback: (granted: boolean) => void,
  details: Record<string, unknown>,
) => void;
type PermissionCheckHandler = (
  webContents: FakeWebContents | null,
  permission: string,
  requestingOrigin: string,
  details: Record<string, unknown>,
) => boolean;
type DevicePermissionHandler = (details: Record<string, unknown>) => boolean;

/** `session.defaultSession`: permission handlers, and the protocol module it owns. */
export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: DevicePermissionHandler | null = null;

  constructor(readonly protocol: FakeProtocol) {}

  reset(): void {
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.devicePermissionHandler = null;
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: DevicePermissionHandler | null): void {
    this.devicePermissionHandler = handler;
  }

  /** Test control: a page asks for a permission. Without a handler Electron grants it. */
  requestPermission(webContents: FakeWebContents | null, permission: string, details: Record<string, unknown> = {}): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(webContents, permission, resolve, details));
  }

  /** Test control: Chromium checks a permission synchronously. Without a handler Electron grants it. */
  checkPermission(webContents: FakeWebContents | null, permission: string, origin: string): boolean {
    return this.permissionCheckHandler ? this.permissionCheckHandler(webContents, permission, origin, {}) : true;
  }

  /** Test control: a device (USB, HID, serial) permission check. */
  checkDevicePermission(deviceType: string, origin: string): boolean {
    return this.devicePermissionHandler ? this.devicePermissionHandler({ deviceType, origin }) : true;
  }
}
