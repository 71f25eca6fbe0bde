import { EventEmitter } from 'node:events';
import type { FakeApp } from './fake-app';
import type { Rectangle } from './fake-windows';

type LinuxBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/**
 * `safeStorage`: a reversible stand-in for the OS keychain. It refuses to work
 * before `ready` (Electron answers nonsense there), can lose its key (a keyring
 * change) and can be without the async API of older Electron versions.
 */
export class FakeSafeStorage {
  available = true;
  backend: LinuxBackend = 'gnome_libsecret';
  /** Which functions main called, in order. */
  readonly calls: string[] = [];
  isAsyncEncryptionAvailable?: () => Promise<boolean>;
  encryptStringAsync?: (plainText: string) => Promise<Buffer>;
  decryptStringAsync?: (encrypted: Buffer) => Promise<{ shouldReEncrypt: boolean; result: string }>;
  private key = 1;

  constructor(private readonly app: FakeApp) {
    this.reset();
  }

  reset(): void {
    this.available = true;
    this.backend = 'gnome_libsecret';
    this.calls.length = 0;
    this.key = 1;
    this.isAsyncEncryptionAvailable = async () => {
      this.record('isAsyncEncryptionAvailable');
      return this.available;
    };
    this.encryptStringAsync = async (plainText) => {
      this.record('encryptStringAsync');
      return this.seal(plainText);
    };
    this.decryptStringAsync = async (encrypted) => {
      this.record('decryptStringAsync');
      return { shouldReEncrypt: false, result: this.open(encrypted) };
    };
  }

  /** Test control: an Electron without the async API. */
  withoutAsyncApi(): void {
    delete this.isAsyncEncryptionAvailable;
    delete this.encryptStringAsync;
    delete this.decryptStringAsync;
  }

  /** Test control: the keyring was replaced; what was encrypted before no longer decrypts. */
  changeKeyring(): void {
    this.key += 1;
  }

  isEncryptionAvailable(): boolean {
    this.record('isEncryptionAvailable');
    return this.available;
  }

  getSelectedStorageBackend(): LinuxBackend {
    this.record('getSelectedStorageBackend');
    return this.backend;
  }

  encryptString(plainText: string): Buffer {
    this.record('encryptString');
    return this.seal(plainText);
  }

  decryptString(encrypted: Buffer): string {
    this.record('decryptString');
    return this.open(encrypted);
  }

  private record(call: string): void {
    if (!this.app.isReady()) throw new Error(`safeStorage.${call} used before the app is ready`);
    this.calls.push(call);
  }

  private seal(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    const body = Buffer.from(plainText, 'utf8').map((byte) => byte ^ (0x5a + this.key));
    return Buffer.concat([Buffer.from(`v1${this.key}`), body]);
  }

  private open(encrypted: Buffer): string {
    if (encrypted.subarray(0, 3).toString() !== `v1${this.key}`) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(3).map((byte) => byte ^ (0x5a + this.key))).toString('utf8');
  }
}

export interface FakeDisplay {
  readonly id: number;
  readonly bounds: Rectangle;
  readonly workArea: Rectangle;
  readonly scaleFactor: number;
}

export function display(id: number, bounds: Rectangle, menuBarHeight = 0): FakeDisplay {
  return { id, bounds, workArea: { ...bounds, y: bounds.y + menuBarHeight, height: bounds.height - menuBarHeight }, scaleFactor: 1 };
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** `screen`: the monitors the test sets up; changing them fires Electron's display events. */
export class FakeScreen extends EventEmitter {
  private displays: FakeDisplay[] = [];

  constructor() {
    super();
    this.reset();
  }

  reset(): void {
    this.removeAllListeners();
    this.displays = [display(1, { x: 0, y: 0, width: 1920, height: 1080 })];
  }

  getAllDisplays(): FakeDisplay[] {
    return this.displays.map((entry) => structuredClone(entry));
  }

  getPrimaryDisplay(): FakeDisplay {
    return structuredClone(this.displays[0]!);
  }

  getDisplayMatching(rect: Rectangle): FakeDisplay {
    let best = this.displays[0]!;
    for (const candidate of this.displays) if (overlap(candidate.bounds, rect) > overlap(best.bounds, rect)) best = candidate;
    return structuredClone(best);
  }

  /** Test control: monitors plugged in or out, or rearranged. The first is the primary. */
  setDisplays(displays: readonly FakeDisplay[]): void {
    const before = this.displays;
    this.displays = displays.map((entry) => structuredClone(entry));
    for (const old of before) if (!displays.some((entry) => entry.id === old.id)) this.emit('display-removed', {}, old);
    for (const added of displays) if (!before.some((entry) => entry.id === added.id)) this.emit('display-added', {}, added);
    for (const kept of displays) if (before.some((entry) => entry.id === kept.id)) this.emit('display-metrics-changed', {}, kept, ['bounds', 'workArea']);
  }
}

export interface FakeMenuItemOptions {
  readonly label?: string;
  readonly role?: string;
  readonly type?: string;
  readonly accelerator?: string;
  readonly submenu?: readonly FakeMenuItemOptions[];
  readonly click?: (...args: unknown[]) => unknown;
  readonly [key: string]: unknown;
}

/** `Menu`: keeps the template it was built from, so tests can read and click it. */
export class FakeMenu {
  static applicationMenu: FakeMenu | null = null;

  constructor(readonly items: readonly FakeMenuItemOptions[]) {}

  static buildFromTemplate(template: readonly FakeMenuItemOptions[]): FakeMenu {
    return new FakeMenu(template);
  }

  static setApplicationMenu(menu: FakeMenu | null): void {
    FakeMenu.applicationMenu = menu;
  }

  static getApplicationMenu(): FakeMenu | null {
    return FakeMenu.applicationMenu;
  }

  static reset(): void {
    FakeMenu.applicationMenu = null;
  }
}

/** `Notification`: every one created, and whether it was shown; tests click them. */
export class FakeNotification extends EventEmitter {
  static readonly instances: FakeNotification[] = [];
  static supported = true;
  shown = false;

  static isSupported(): boolean {
    return FakeNotification.supported;
  }

  static reset(): void {
    FakeNotification.instances.length = 0;
    FakeNotification.supported = true;
  }

  constructor(readonly options: { title?: string; body?: string; [key: string]: unknown } = {}) {
    super();
    FakeNotification.instances.push(this);
  }

  show(): void {
    this.shown = true;
    this.emit('show');
  }

  /** Test control: the person clicks the notification. */
  click(): void {
    this.emit('click');
  }
}
