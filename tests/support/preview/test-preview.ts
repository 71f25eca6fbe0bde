import { join } from 'node:path';
import type { Result } from '../../../src-shared/result';
import { startPreviewServer, type PreviewServer, type PreviewServerOptions } from '../../../src-main/preview/start-preview-server';
import { makeTempDir } from '../temp-dir';
import { rawRequest, type RawRequest, type RawResponse } from './raw-http';
import { writeStubRenderer, type StubRenderer } from './stub-renderer';

export interface TestPreview {
  readonly server: PreviewServer;
  readonly port: number;
  readonly dataDir: string;
  readonly stub: StubRenderer;
  /** A request carrying the Bearer token (and a correct Host). */
  authed(request: Omit<RawRequest, 'port'>): Promise<RawResponse>;
  /** A request with exactly the headers given (plus a correct Host). */
  raw(request: Omit<RawRequest, 'port'>): Promise<RawResponse>;
  /** Calls a channel through the preview's API and returns the Result envelope. */
  invoke<T = unknown>(channel: string, input: unknown): Promise<Result<T>>;
  /** Calls a channel and unwraps its value, failing on an error envelope. */
  value<T = unknown>(channel: string, input: unknown): Promise<T>;
  close(): Promise<void>;
}

/** A preview server on a fresh data dir, serving a stub renderer; close() removes everything. */
export async function startTestPreview(
  options: Partial<Omit<PreviewServerOptions, 'dataDir'>> = {},
): Promise<TestPreview> {
  const temp = await makeTempDir('docuvault-preview-');
  const stub = await writeStubRenderer(temp.path);
  const dataDir = join(temp.path, 'data');
  const server = await startPreviewServer({ dataDir, rendererDir: stub.rendererDir, ...options });
  const port = Number(new URL(server.origin).port);
  const raw = (request: Omit<RawRequest, 'port'>) => rawRequest({ ...request, port });
  const authed = (request: Omit<RawRequest, 'port'>) =>
    rawRequest({ ...request, port, headers: { Authorization: `Bearer ${server.token}`, ...request.headers } });
  const invoke = async <T>(channel: string, input: unknown) => {
    const response = await authed({
      method: 'POST',
      path: `/api/invoke/${channel}`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return response.json<Result<T>>();
  };
  return {
    server,
    port,
    dataDir,
    stub,
    raw,
    authed,
    invoke,
    async value<T>(channel: string, input: unknown) {
      const result = await invoke<T>(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    async close() {
      await server.close();
      await temp.remove();
    },
  };
}
