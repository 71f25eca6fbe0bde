import { request, type IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  text(): string;
  json<T = unknown>(): T;
}

export interface RawRequest {
  readonly port: number;
  readonly method?: string;
  /** Sent exactly as given (no normalisation), so traversal attempts reach the server intact. */
  readonly path: string;
  readonly headers?: Record<string, string | number>;
  readonly body?: string | Buffer | Readable;
  /** Connect to this address instead of 127.0.0.1 (the Host header is still whatever `headers` says). */
  readonly address?: string;
}

/**
 * A plain HTTP request with full control over Host, Origin and the path, which
 * fetch() would not allow. Resolves with the whole (small) response.
 */
export function rawRequest(options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: options.address ?? '127.0.0.1',
        port: options.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${options.port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: () => body.toString('utf8'),
            json: <T>() => JSON.parse(body.toString('utf8')) as T,
          });
        });
      },
    );
    req.on('error', reject);
    const body = options.body;
    if (body === undefined) req.end();
    else if (typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}
