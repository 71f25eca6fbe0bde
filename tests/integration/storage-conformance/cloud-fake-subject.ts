import type { StorageBackend } from '../../../src-main/core/storage/storage-backend';
import { startFaultProxy } from '../../servers/fault-proxy';
import type { ConformanceSubject } from './conformance';

/** A cloud fake running in its own process (its work and memory are not the backend's). */
interface FakeProcess {
  advertise(baseUrl: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Puts the fault proxy in front of a fake process (at `upstreamUrl`) and has
 * the fake advertise the proxy in the URLs it hands out (upload sessions,
 * download links), so every request the backend makes can be broken.
 */
export async function cloudFakeSubject(
  fake: FakeProcess,
  upstreamUrl: string,
  makeBackend: (proxyUrl: string) => StorageBackend & { close(): void },
): Promise<ConformanceSubject> {
  const faults = await startFaultProxy(upstreamUrl);
  await fake.advertise(faults.url);
  const backend = makeBackend(faults.url);
  return {
    backend,
    faults,
    async cleanup() {
      backend.close();
      await faults.close();
      await fake.close();
    },
  };
}
