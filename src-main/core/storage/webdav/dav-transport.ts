import http from 'node:http';
import https from 'node:https';
import { AppError } from '../../errors';
import { CloudConnectionError } from '../backend-errors';
import type { AuthLatch } from './auth-latch';
import { writeBody, type BodyWriter } from './body-writer';

export interface DavCredentials {
  readonly username: string;
  readonly password: string;
}

export interface DavTransportOptions {
  /** Null for anonymous requests (Login Flow v2 starts without an account). */
  readonly credentials: DavCredentials | null;
  /** Supplied by the URL policy (guarded DNS lookup, pinned certificates); passed through untouched. */
  readonly httpAgent?: http.Agent;
  readonly httpsAgent?: https.Agent;
  /** Shared by every request of one connection: after a 401 nothing more is sent. */
  readonly latch?: AuthLatch;
  /** A socket silent for this long is treated as a dropped connection (default 2 minutes). */
  readonly idleTimeoutMs?: number;
  readonly userAgent?: string;
}

export type DavBody = Buffer | string | BodyWriter;

export interface DavRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  /** A BodyWriter must come with its Content-Length in `headers`. */
  readonly body?: DavBody;
  readonly signal?: AbortSignal;
  /**
   * Whether a 403 means "credentials refused". By default only for reads: an
   * account that may not even read its own DocuVault tree has lost its access,
   * while a 403 on a write means "not allowed here" (a read-only share, a
   * file name the server forbids) and asking the person to reconnect would
   * not help. PROPPATCH turns it off explicitly.
   */
  readonly forbiddenMeansUnauthorized?: boolean;
}

export interface DavResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** Must be consumed or discarded by the caller, or the socket stays busy. */
  readonly body: http.IncomingMessage;
}

const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PROPFIND', 'OPTIONS']);
const DEFAULT_USER_AGENT = 'DocuVault (desktop)';

/**
 * Plain node:http(s) requests for WebDAV and OCS. Bodies are streamed, the
 * caller's agents are used as given, redirects are never followed (a redirect
 * could lead past the URL policy), and the Authorization header lives in a
 * private field so it can never show up when an object is logged or inspected.
 */
export class DavTransport {
  readonly #authorization: string | null;
  /** Everything but the credentials, which are only kept as the private header above. */
  private readonly options: Omit<DavTransportOptions, 'credentials'>;
  private readonly ownAgents: Array<http.Agent> = [];
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor({ credentials, ...options }: DavTransportOptions) {
    this.options = options;
    this.#authorization = credentials
      ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`
      : null;
    this.httpAgent = options.httpAgent ?? this.own(new http.Agent({ keepAlive: true, maxSockets: 8 }));
    this.httpsAgent = options.httpsAgent ?? this.own(new https.Agent({ keepAlive: true, maxSockets: 8 }));
  }

  /** Sends one request; 401 (and 403 on reads, unless told otherwise) become CloudConnectionError. */
  async send(request: DavRequest): Promise<DavResponse> {
    if (this.options.latch?.tripped) throw new CloudConnectionError('unauthorized');
    const response = await this.exchange(request);
    if (this.#authorization) {
      const forbiddenMeansUnauthorized = request.forbiddenMeansUnauthorized ?? READ_METHODS.has(request.method);
      const refused = response.status === 401 || (response.status === 403 && forbiddenMeansUnauthorized);
      if (refused) {
        response.body.resume();
        if (response.status === 401) this.options.latch?.trip();
        throw new CloudConnectionError('unauthorized');
      }
    }
    return response;
  }

  /** Closes the keep-alive sockets of agents this transport created itself. */
  close(): void {
    for (const agent of this.ownAgents) agent.destroy();
  }

  private own<T extends http.Agent>(agent: T): T {
    this.ownAgents.push(agent);
    return agent;
  }

  private exchange(request: DavRequest): Promise<DavResponse> {
    const { url, body } = request;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return Promise.reject(new AppError('VALIDATION', 'The server address must start with http:// or https://.'));
    }
    const headers: Record<string, string> = { 'User-Agent': this.options.userAgent ?? DEFAULT_USER_AGENT, ...request.headers };
    if (this.#authorization) headers['Authorization'] = this.#authorization;
    if (typeof body === 'string' || Buffer.isBuffer(body)) headers['Content-Length'] = String(Buffer.byteLength(body));

    return new Promise<DavResponse>((resolve, reject) => {
      const https_ = url.protocol === 'https:';
      const req = (https_ ? https : http).request(url, {
        method: request.method,
        headers,
        agent: https_ ? this.httpsAgent : this.httpAgent,
        timeout: this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
        ...(request.signal ? { signal: request.signal } : {}),
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('The server stopped answering.'), { code: 'ETIMEDOUT' })));
      req.once('response', (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }));
      req.on('error', reject);
      if (typeof body === 'function') {
        // The body's own failure (a short file, a cancelled read) is the error that matters, not the broken request;
        // a body stopped half-way must never leave its socket for another request.
        writeBody(req, body).catch((error: unknown) => {
          reject(error);
          req.destroy(error instanceof Error ? error : undefined);
        });
      } else {
        req.end(body);
      }
    });
  }
}

/** Reads a (small) answer body as text, refusing answers larger than `limitBytes`. */
export async function readText(response: DavResponse, limitBytes = 8 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += (chunk as Buffer).length;
    if (total > limitBytes) {
      response.body.destroy();
      throw new AppError('BACKEND_UNAVAILABLE', 'The storage server sent an unexpectedly large answer.');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Lets an unwanted answer body drain so the socket can be reused. */
export function discard(response: DavResponse): void {
  response.body.resume();
}
