import { GoogleDriveBackend } from '../../../src-main/core/storage/google-drive/google-drive-backend';
import type { GoogleDriveBackendOptions } from '../../../src-main/core/storage/google-drive/drive-backend-options';
import { startFaultProxy, type FaultProxy } from '../../servers/fault-proxy';
import { startGoogleFake, type GoogleFake } from '../../servers/google-fake/google-fake';

export interface DriveFixture {
  readonly fake: GoogleFake;
  /** Present when the backend talks to the fake through the fault proxy. */
  readonly proxy: FaultProxy | null;
  readonly backend: GoogleDriveBackend;
  /** The access token the backend currently sends; tests may swap it. */
  token: string;
  close(): Promise<void>;
}

/**
 * The Google fake, optionally behind the fault proxy (session URIs then point
 * at the proxy too), and a backend with a fast retry policy that reads the
 * fixture's current token on every request, like the connections service's
 * token source would.
 */
export async function startDriveFixture(
  options: { proxy?: boolean; backend?: Partial<Omit<GoogleDriveBackendOptions, 'accessToken'>> } = {},
): Promise<DriveFixture> {
  const fake = await startGoogleFake();
  const proxy = options.proxy ? await startFaultProxy(fake.url) : null;
  if (proxy) fake.advertise(proxy.url);
  const endpoints = fake.endpoints(proxy?.url);
  let token = fake.mintAccessToken();
  const backend = new GoogleDriveBackend({
    apiBaseUrl: endpoints.driveApiBaseUrl,
    uploadBaseUrl: endpoints.uploadBaseUrl,
    accessToken: () => token,
    retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 200 },
    ...options.backend,
  });
  return {
    fake,
    proxy,
    backend,
    get token() {
      return token;
    },
    set token(value: string) {
      token = value;
    },
    async close() {
      backend.close();
      await proxy?.close();
      await fake.close();
    },
  };
}
