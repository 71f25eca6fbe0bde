import { EventEmitter } from 'node:events';
import type { FakeWebContents, FakeWebFrameMain } from './fake-windows';

type InvokeListener = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

/** What `ipcMain.handle` listeners receive. */
export interface FakeInvokeEvent {
  readonly type: 'frame';
  readonly sender: FakeWebContents | null;
  readonly senderFrame: FakeWebFrameMain | null;
  readonly processId: number;
  readonly frameId: number;
}

export interface SimulatedSender {
  readonly sender?: FakeWebContents | null;
  readonly senderFrame?: FakeWebFrameMain | null;
}

/** Electron structured-clones every IPC payload; so does the double, so non-cloneable values fail here too. */
function cloneArgs(args: readonly unknown[]): unknown[] {
  return args.map((arg) => structuredClone(arg));
}

/** `ipcMain`: records handlers and lets tests invoke them as a given frame would. */
export class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeListener>();

  reset(): void {
    this.handlers.clear();
    this.removeAllListeners();
  }

  handle(channel: string, listener: InvokeListener): void {
    // Electron refuses a second handler for a channel; a double that allowed it would hide the bug.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Test control: an `ipcRenderer.invoke` arriving from `from`, with cloned payloads both ways. */
  async simulateInvoke(channel: string, args: readonly unknown[], from: SimulatedSender = {}): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) {
      throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    }
    const senderFrame = from.senderFrame ?? null;
    const event: FakeInvokeEvent = {
      type: 'frame',
      sender: from.sender ?? senderFrame?.webContents ?? null,
      senderFrame,
      processId: senderFrame?.processId ?? 0,
      frameId: senderFrame?.routingId ?? 0,
    };
    const result = await listener(event, ...cloneArgs(args));
    return structuredClone(result);
  }
}

export interface RecordedInvocation {
  readonly channel: string;
  readonly args: unknown[];
}

/**
 * `ipcRenderer` as the preload sees it. `invoke` reaches the double's `ipcMain`
 * handlers as `frame` (the page the preload runs in); `deliver` plays a message
 * main sent with `webContents.send`.
 */
export class FakeIpcRenderer extends EventEmitter {
  readonly invocations: RecordedInvocation[] = [];
  frame: FakeWebFrameMain | null = null;

  constructor(private readonly main: FakeIpcMain) {
    super();
  }

  reset(): void {
    this.invocations.length = 0;
    this.frame = null;
    this.removeAllListeners();
  }

  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const cloned = cloneArgs(args);
    this.invocations.push({ channel, args: cloned });
    return this.main.simulateInvoke(channel, cloned, { senderFrame: this.frame });
  }

  /** Test control: a message from main, delivered the way Electron does (event first, cloned args). */
  deliver(channel: string, ...args: unknown[]): void {
    const event = { sender: this, senderId: 0, ports: [] };
    this.emit(channel, event, ...cloneArgs(args));
  }
}
