import { Agent } from 'node:https';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { OneDriveBackendOptions } from '../../../src-main/core/storage/onedrive/onedrive-backend-options';
import { OneDriveBackend } from '../../../src-main/core/storage/onedrive/onedrive-backend';
import type { ObjectHint } from '../../../src-main/core/storage/storage-backend';
import { startFaultProxy, type FaultProxy } from '../../servers/fault-proxy';
import { startMicrosoftFake, type MicrosoftFake } from '../../servers/microsoft-fake/microsoft-fake';
import type { StoredItem } from '../../servers/microsoft-fake/drive-store';

export interface OneDriveFixture {
  readonly fake: MicrosoftFake;
  /** Present when the backend talks to the fake through the fault proxy (plain HTTP). */
  readonly proxy: FaultProxy | null;
  readonly backend: OneDriveBackend;
  /** The access token the backend currently sends; tests may swap it. */
  token: string;
  /** Display paths of every file in the drive, e.g. 'DocuVault/Taxes/report.pdf'. */
  files(): string[];
  item(id: string): StoredItem | undefined;
  close(): Promise<void>;
}

/**
 * The Microsoft fake in-process (its controls and log at hand) and a backend
 * over TLS trusting only the fake's test CA, with a fast retry policy and the
 * fixture's current token read on every request, as the connections service's
 * token source would. With `proxy`, the backend goes through the fault proxy
 * to the fake's plain-HTTP listener instead.
 */
export async function startOneDriveFixture(
  options: { proxy?: boolean; backend?: Partial<Omit<OneDriveBackendOptions, 'accessToken'>> } = {},
): Promise<OneDriveFixture> {
  const fake = await startMicrosoftFake();
  const agent = new Agent({ ca: fake.caPem, keepAlive: true });
  const proxy = options.proxy ? await startFaultProxy(fake.httpUrl) : null;
  if (proxy) fake.advertise(proxy.url);
  const fixture: OneDriveFixture = {
    fake,
    proxy,
    token: fake.mintAccessToken(),
    backend: undefined as unknown as OneDriveBackend,
    files: () =>
      fake.store
        .all()
        .filter((item) => !item.isFolder)
        .map((item) => fake.store.pathOf(item.id).join('/'))
        .sort(),
    item: (id) => fake.store.get(id),
    async close() {
      fixture.backend.close();
      agent.destroy();
      await proxy?.close();
      await fake.close();
    },
  };
  (fixture as { backend: OneDriveBackend }).backend = new OneDriveBackend({
    graphBaseUrl: fake.graphBaseUrl(proxy?.url),
    accessToken: () => fixture.token,
    httpsAgent: agent,
    retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 200 },
    ...options.backend,
  });
  return fixture;
}

export const hint = (name = 'report.pdf', folderPath: string[] = ['Taxes']): ObjectHint => ({
  documentId: randomUUID(),
  name,
  folderPath,
  contentType: 'application/pdf',
});

export function putBytes(backend: OneDriveBackend, data: Buffer, h: ObjectHint = hint()) {
  return backend.put({ body: Readable.from([data]), size: data.length, hint: h });
}

/** Deterministic, non-repeating bytes (so a misplaced fragment changes the hash). */
export function patterned(size: number, seed = 1): Buffer {
  const data = Buffer.alloc(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    data[i] = state & 0xff;
  }
  return data;
}
