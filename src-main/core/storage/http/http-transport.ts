import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface TransportRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: URL;
  readonly headers?: OutgoingHttpHeaders;
  /** Small JSON, or one upload chunk already in memory (the chunk is the memory bound). */
  readonly body?: Buffer | string;
  readonly signal?: AbortSignal | undefined;
}

/** A request whose body is being written; the answer arrives on `response`. */
export interface StreamingRequest {
  readonly response: Promise<IncomingMessage>;
  /** Resolves once the piece is handed to the socket (after drain); rejects once the request failed. */
  write(piece: Buffer): Promise<void>;
  end(): void;
  abort(): void;
}

class RequestClosedError extends Error {
  constructor() {
    super('the request closed before its body was sent');
    this.name = 'RequestClosedError';
  }
}

class ResponseTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor() {
    super('the server did not answer in time');
    this.name = 'ResponseTimeoutError';
  }
}

/**
 * HTTP(S) for the cloud backends (Google Drive, OneDrive), on node:http with
 * keep-alive agents (the caller's, or our own). Plain node:http rather than an
 * SDK's transport: resumable uploads need exact control — a 308 that is not a
 * redirect, one chunk buffer sent with a known length, streamed downloads,
 * abort signals and timeouts. It never follows redirects (a download link
 * must be followed without the bearer token, which is the backend's decision)
 * and never retries (the backend's policy does). Resolves when the response
 * starts, whatever its status.
 */
export class HttpTransport {
  private readonly ownHttpAgent: HttpAgent | null;
  private readonly ownHttpsAgent: HttpsAgent | null;
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(
    private readonly responseTimeoutMs: number,
    agents: { httpAgent?: HttpAgent | undefined; httpsAgent?: HttpsAgent | undefined } = {},
  ) {
    this.ownHttpAgent = agents.httpAgent ? null : new HttpAgent({ keepAlive: true, maxSockets: 16 });
    this.ownHttpsAgent = agents.httpsAgent ? null : new HttpsAgent({ keepAlive: true, maxSockets: 16 });
    this.httpAgent = agents.httpAgent ?? this.ownHttpAgent!;
    this.httpsAgent = agents.httpsAgent ?? this.ownHttpsAgent!;
  }

  send(request: TransportRequest): Promise<IncomingMessage> {
    const body = request.body ?? '';
    const hasBody = request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH';
    return new Promise<IncomingMessage>((resolve, reject) => {
      const req = this.open(request, hasBody ? { 'Content-Length': String(Buffer.byteLength(body)) } : {});
      req.on('response', (res) => {
        // The timeout guards the wait for an answer; a body is then read at the consumer's pace.
        req.setTimeout(0);
        resolve(res);
      });
      req.on('error', reject);
      req.end(hasBody ? body : undefined);
    });
  }

  /** Starts a request whose body of `length` bytes is written piece by piece (sending overlaps with reading the next piece). */
  openStreaming(request: Omit<TransportRequest, 'body'>, length: number): StreamingRequest {
    const req = this.open(request, { 'Content-Length': String(length) });
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      req.on('response', (res) => {
        req.setTimeout(0);
        resolve(res);
      });
      req.on('error', reject);
    });
    // Observed by whoever awaits it; never an unhandled rejection when the caller gives up first.
    response.catch(() => undefined);
    return {
      response,
      write: (piece) =>
        new Promise<void>((resolve, reject) => {
          if (req.destroyed || req.writableEnded) return reject(new RequestClosedError());
          if (req.write(piece)) return resolve();
          const settle = (error: Error | null) => {
            req.off('drain', onDrain);
            req.off('close', onClose);
            req.off('error', onClose);
            if (error) reject(error);
            else resolve();
          };
          const onDrain = () => settle(null);
          const onClose = () => settle(new RequestClosedError());
          req.on('drain', onDrain);
          req.on('close', onClose);
          req.on('error', onClose);
        }),
      end: () => req.end(),
      abort: () => req.destroy(),
    };
  }

  /** Closes the idle sockets of the agents this transport made (injected agents belong to their owner). */
  close(): void {
    this.ownHttpAgent?.destroy();
    this.ownHttpsAgent?.destroy();
  }

  private open(request: Omit<TransportRequest, 'body'>, extraHeaders: OutgoingHttpHeaders) {
    const secure = request.url.protocol === 'https:';
    const req = (secure ? httpsRequest : httpRequest)(request.url, {
      method: request.method,
      headers: { ...request.headers, ...extraHeaders },
      agent: secure ? this.httpsAgent : this.httpAgent,
      timeout: this.responseTimeoutMs,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    req.on('timeout', () => req.destroy(new ResponseTimeoutError()));
    return req;
  }
}

/** Reads a small response body whole (JSON answers, errors); refuses anything suspiciously large. */
export async function readSmallBody(res: IncomingMessage, limit = 8 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      res.destroy();
      throw new Error('response body too large');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readJson<T>(res: IncomingMessage): Promise<T> {
  const text = (await readSmallBody(res)).toString('utf8');
  return (text.trim() === '' ? {} : JSON.parse(text)) as T;
}

/** Lets a response we do not need go, so its socket returns to the pool. */
export function discard(res: IncomingMessage): void {
  res.resume();
}
