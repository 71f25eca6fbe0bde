import { fileURLToPath } from 'node:url';
import { startFakeChild } from '../shared/fake-child-process';

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

/**
 * The Microsoft fake in a child process, for suites and benchmarks where its
 * work and memory must not count as the client's (memory bounds, timings).
 * Tests that need the fake's controls start it in-process with startMicrosoftFake.
 */
export async function startMicrosoftFakeProcess(): Promise<MicrosoftFakeProcess> {
  const child = await startFakeChild({
    fakeName: 'Microsoft',
    entry: fileURLToPath(new URL('./microsoft-fake-main.ts', import.meta.url)),
    isReady: (m): m is Ready => typeof (m as { httpsUrl?: unknown }).httpsUrl === 'string',
  });
  return { ...child.ready, advertise: child.advertise, close: child.close };
}
