import * as http from 'node:http';
import * as https from 'node:https';
import { isRetryableStatus, parseRetryAfter } from '../../net/retry';

/** An HTTP answer whose status alone decides what happens next (retry, re-authenticate, storage full). */
export class S3HttpStatusError extends Error {
  constructor(
    readonly status: number,
    /** From Retry-After, when the server sent one. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(`The storage server answered HTTP ${status}.`);
    this.name = 'S3HttpStatusError';
  }
}

/** Statuses that mean the same thing on every S3-compatible server, whatever (if any) error body comes with them. */
function decidedByStatus(status: number): boolean {
  return status === 401 || status === 507 || isRetryableStatus(status);
}

type RequestFunction = typeof http.request;

/**
 * The minio client's own handling of these statuses is unusable for us: it turns
 * 429/5xx into a plain Error that only names the status (Retry-After is lost),
 * retries a streamed body it cannot replay, and parses a 401 without a body into
 * an S3Error with an empty code. This transport answers such responses itself:
 * the request fails with an S3HttpStatusError carrying the status and
 * Retry-After, and the response is drained so its keep-alive socket is reused.
 * Every other response (2xx, and 4xx with S3 error XML such as NoSuchKey or
 * AccessDenied) goes to the client untouched.
 */
export function statusSurfacingTransport(secure: boolean): { request: RequestFunction } {
  const base = secure ? https.request : http.request;
  const request = (options: http.RequestOptions, onResponse?: (response: http.IncomingMessage) => void): http.ClientRequest => {
    const outgoing = base(options, (response) => {
      const status = response.statusCode ?? 0;
      if (!decidedByStatus(status)) {
        onResponse?.(response);
        return;
      }
      const retryAfter = response.headers['retry-after'];
      response.resume();
      outgoing.emit('error', new S3HttpStatusError(status, parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter)));
    });
    return outgoing;
  };
  // The client only ever calls request(options, callback); the cast covers http.request's other overloads.
  return { request: request as RequestFunction };
}
