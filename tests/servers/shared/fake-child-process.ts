import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** A fake server running in a child process, talking over IPC. */
export interface FakeChild<Ready> {
  /** The child's first message: where it listens and what it hands out. */
  readonly ready: Ready;
  /** Tells the fake which base URL to put in the URLs it hands out (e.g. a fault proxy in front of it). */
  advertise(baseUrl: string): Promise<void>;
  close(): Promise<void>;
}

function nextMessage<T>(child: ChildProcess, fakeName: string, matches: (message: unknown) => message is T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!matches(message)) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the ${fakeName} fake exited (code ${String(code)})`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/**
 * Starts a fake's entry module (TypeScript, through tsx) in a child process,
 * so its work and memory do not count as the client's (memory bounds,
 * timings), and waits for its ready message.
 */
export async function startFakeChild<Ready>(options: {
  /** For error messages: "the Google fake exited". */
  readonly fakeName: string;
  /** Absolute path of the entry module. */
  readonly entry: string;
  readonly isReady: (message: unknown) => message is Ready;
}): Promise<FakeChild<Ready>> {
  const { fakeName } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await nextMessage(child, fakeName, options.isReady);
  return {
    ready,
    async advertise(baseUrl) {
      const acknowledged = nextMessage(child, fakeName, (m): m is { advertised: string } => (m as { advertised?: unknown }).advertised === baseUrl);
      child.send({ advertise: baseUrl });
      await acknowledged;
    },
    async close() {
      if (child.exitCode !== null || !child.connected) return;
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}

/**
 * The child's side of the same protocol, for a fake's entry module: answers
 * `advertise` requests, closes the fake and exits when the parent goes, and
 * sends `ready` to say it is listening.
 */
export function serveFakeToParent(fake: { advertise(baseUrl: string): void; close(): Promise<void> }, ready: object): void {
  process.on('message', (message: { advertise?: unknown }) => {
    if (typeof message.advertise !== 'string') return;
    fake.advertise(message.advertise);
    process.send?.({ advertised: message.advertise });
  });
  process.on('disconnect', () => {
    void fake.close().finally(() => process.exit(0));
  });
  process.send?.(ready);
}
