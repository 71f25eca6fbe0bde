import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface MicrosoftFakeProcess {
  readonly httpsUrl: string;
  readonly httpUrl: string;
  readonly caPem: string;
  /** A live Files.ReadWrite access token. */
  readonly accessToken: string;
  /** The base URL the fake puts in upload and download URLs, e.g. a fault proxy in front of it. */
  advertise(baseUrl: string): Promise<void>;
  close(): Promise<void>;
}

interface Ready {
  readonly httpsUrl: string;
  readonly httpUrl: string;
  readonly caPem: string;
  readonly accessToken: string;
}

function nextMessage<T>(child: ChildProcess, matches: (message: unknown) => message is T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!matches(message)) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the Microsoft fake exited (code ${String(code)})`));
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
 * The Microsoft fake in a child process, for suites and benchmarks where its
 * work and memory must not count as the client's (memory bounds, timings).
 * Tests that need the fake's controls start it in-process with startMicrosoftFake.
 */
export async function startMicrosoftFakeProcess(): Promise<MicrosoftFakeProcess> {
  const entry = fileURLToPath(new URL('./microsoft-fake-main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await nextMessage(child, (m): m is Ready => typeof (m as { httpsUrl?: unknown }).httpsUrl === 'string');
  return {
    ...ready,
    async advertise(baseUrl) {
      const acknowledged = nextMessage(child, (m): m is { advertised: string } => (m as { advertised?: unknown }).advertised === baseUrl);
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
