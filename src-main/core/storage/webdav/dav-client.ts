import { withRetry } from '../../net/retry';
import type { PropName } from './dav-properties';
import { classifyDavFailure, DavStatusError, unexpectedStatus, type DavRetryPolicy } from './dav-status';
import { discard, readText, type DavRequest, type DavResponse, type DavTransport } from './dav-transport';
import { parseMultistatus, propfindBody, proppatchBody, type DavResource } from './multistatus';

export interface ExchangeOptions {
  /** Retry 423 Locked with a back-off (Nextcloud's chunk assembly). */
  readonly retryLocked?: boolean;
}

const XML = 'application/xml; charset=utf-8';

/**
 * The WebDAV verbs DocuVault uses, each with the statuses it accepts and
 * retries for transient failures. Requests whose body is written as it is
 * read (a BodyWriter) are sent once: those bytes cannot be replayed.
 */
export class DavClient {
  constructor(
    private readonly transport: DavTransport,
    readonly retry: DavRetryPolicy,
    /** Whether 423 Locked is retried unless a call says otherwise (Nextcloud: locks clear quickly). */
    private readonly retryLockedByDefault = false,
  ) {}

  /** Sends (with retries where the body allows) and returns the answer when its status is expected. */
  async exchange(request: DavRequest, expected: readonly number[], options: ExchangeOptions = {}): Promise<DavResponse> {
    const attempt = async () => {
      const response = await this.transport.send(request);
      if (expected.includes(response.status)) return response;
      throw unexpectedStatus(response);
    };
    if (typeof request.body === 'function') return attempt();
    return withRetry(attempt, {
      attempts: this.retry.attempts,
      baseDelayMs: this.retry.baseDelayMs,
      maxDelayMs: this.retry.maxDelayMs,
      random: this.retry.random,
      signal: request.signal,
      classify: (error) => classifyDavFailure(error, this.retry, options.retryLocked ?? this.retryLockedByDefault),
    });
  }

  /** The resources' properties, or null when the URL does not exist. */
  async propfind(url: URL, depth: 0 | 1, props: readonly PropName[]): Promise<DavResource[] | null> {
    let response: DavResponse;
    try {
      response = await this.exchange(
        { method: 'PROPFIND', url, headers: { Depth: String(depth), 'Content-Type': XML }, body: propfindBody(props) },
        [207],
      );
    } catch (error) {
      if (error instanceof DavStatusError && error.status === 404) return null;
      throw error;
    }
    return parseMultistatus(await readText(response));
  }

  /** Creates a collection; an existing one (405) is fine. */
  async mkcol(url: URL, headers: Readonly<Record<string, string>> = {}): Promise<'created' | 'exists'> {
    const response = await this.exchange({ method: 'MKCOL', url, headers }, [201, 405]);
    discard(response);
    return response.status === 201 ? 'created' : 'exists';
  }

  /** Idempotent: a missing resource is success. */
  async delete(url: URL): Promise<void> {
    discard(await this.exchange({ method: 'DELETE', url }, [200, 202, 204, 404]));
  }

  /** MOVE that never replaces: 'taken' when the destination already exists (412). */
  async moveNoOverwrite(from: URL, to: URL): Promise<'moved' | 'taken'> {
    const response = await this.exchange(
      { method: 'MOVE', url: from, headers: { Destination: to.href, Overwrite: 'F' } },
      [201, 204, 412],
    );
    discard(response);
    return response.status === 412 ? 'taken' : 'moved';
  }

  /**
   * Sets dead properties. Returns false when the server does not keep them
   * (no PROPPATCH, or it refused the properties): metadata is a bonus there.
   */
  async proppatch(url: URL, values: ReadonlyArray<{ name: PropName; value: string }>): Promise<boolean> {
    let response: DavResponse;
    try {
      response = await this.exchange(
        {
          method: 'PROPPATCH',
          url,
          headers: { 'Content-Type': XML },
          body: proppatchBody(values),
          forbiddenMeansUnauthorized: false,
        },
        [200, 207],
      );
    } catch (error) {
      if (error instanceof DavStatusError && error.status !== 404 && error.status !== 507 && error.status < 500) return false;
      throw error;
    }
    if (response.status === 200) {
      discard(response);
      return true;
    }
    const resources = parseMultistatus(await readText(response));
    return resources.length > 0 && resources.every((resource) => resource.failed.size === 0);
  }

  /** GET, optionally with one inclusive byte range. The caller owns the returned body. */
  get(url: URL, range: { start: number; end: number } | undefined, signal: AbortSignal | undefined): Promise<DavResponse> {
    const headers: Record<string, string> = { 'Accept-Encoding': 'identity' };
    if (range) headers['Range'] = `bytes=${range.start}-${range.end}`;
    return this.exchange({ method: 'GET', url, headers, ...(signal ? { signal } : {}) }, [200, 206]);
  }
}
