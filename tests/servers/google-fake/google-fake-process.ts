import { fileURLToPath } from 'node:url';
import { startFakeChild } from '../shared/fake-child-process';

export interface GoogleFakeProcess {
  readonly url: string;
  /** A live `drive.file` access token. */
  readonly accessToken: string;
  /** The base URL the fake puts in session URIs, e.g. a fault proxy in front of it. */
  advertise(baseUrl: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The Google fake in a child process, for suites and benchmarks where its
 * work and memory must not count as the client's (memory bounds, timings).
 * Tests that need the fake's controls start it in-process with startGoogleFake.
 */
export async function startGoogleFakeProcess(): Promise<GoogleFakeProcess> {
  const child = await startFakeChild({
    fakeName: 'Google',
    entry: fileURLToPath(new URL('./google-fake-main.ts', import.meta.url)),
    isReady: (m): m is { url: string; accessToken: string } => typeof (m as { url?: unknown }).url === 'string',
  });
  return { url: child.ready.url, accessToken: child.ready.accessToken, advertise: child.advertise, close: child.close };
}
