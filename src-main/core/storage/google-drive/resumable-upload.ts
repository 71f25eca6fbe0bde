import type { IncomingMessage } from 'node:http';
import { withRetry } from '../../net/retry';
import type { ByteSource } from '../sources/byte-source';
import { discard, readJson } from '../http/http-transport';
import { streamChunk } from '../http/streamed-chunk';
import type { DriveApi } from './drive-api';
import type { DriveRetryOptions } from './drive-backend-options';
import { classifyDriveFailure, driveErrorFrom, UploadSessionLostError, UploadStalledError } from './drive-errors';
import type { DriveFile } from './drive-file';

export interface ResumableUploadParams {
  readonly api: DriveApi;
  readonly sessionUri: string;
  readonly size: number;
  /** A multiple of 256 KiB; the one buffer this upload holds. */
  readonly chunkSize: number;
  readonly retry: Required<DriveRetryOptions>;
  readonly signal?: AbortSignal | undefined;
}

/** What the session says after a request: done (with the file), or how many bytes it holds. */
type SessionAnswer = { readonly kind: 'complete'; readonly file: DriveFile } | { readonly kind: 'incomplete'; readonly received: number };

/**
 * Sends a stream over an open resumable session, chunk by chunk:
 * `PUT Content-Range: bytes a-b/total`, 308 + `Range: bytes=0-n` until the last
 * chunk's 200. Each chunk's first attempt streams its bytes as they are read
 * (see streamChunk). After a broken connection, a 5xx, a 429 or a rate-limit
 * 403 it waits (backoff with jitter, Retry-After honoured), asks the session
 * what arrived (`bytes *\/total`) and resends from there out of the chunk
 * buffer; earlier chunks are never needed again. Memory: one chunk.
 */
export async function sendResumable(params: ResumableUploadParams, reader: ByteSource): Promise<DriveFile> {
  const { size, chunkSize } = params;
  if (size === 0) {
    await reader.finish();
    const answer = await queryStatus(params);
    if (answer.kind !== 'complete') throw new UploadSessionLostError('an empty upload did not complete');
    return answer.file;
  }
  const buffer = Buffer.allocUnsafe(Math.min(chunkSize, size));
  for (let offset = 0; ; ) {
    const length = Math.min(chunkSize, size - offset);
    const chunk = buffer.subarray(0, length);
    const last = offset + length === size;
    const open = (contentRange: string, chunkLength: number) => params.api.streamToSession(params.sessionUri, contentRange, chunkLength, params.signal);
    const streamed = await streamChunk({ open, reader, chunk, offset, size, last });
    const file = await sendChunk(params, chunk, offset, async () => answerOf(await streamed.response));
    if (file) {
      if (!last) throw new UploadSessionLostError('the session completed before the last chunk');
      return file;
    }
    if (last) throw new UploadSessionLostError('the last chunk did not complete the upload');
    offset += length;
  }
}

/**
 * Makes the session hold all of one chunk (already in `chunk`): the first
 * attempt's answer comes from `firstAttempt`; later attempts ask the session
 * what it holds and resend the rest. Returns the file if that completed the upload.
 */
function sendChunk(
  params: ResumableUploadParams,
  chunk: Buffer,
  chunkStart: number,
  firstAttempt: () => Promise<SessionAnswer>,
): Promise<DriveFile | null> {
  const chunkEnd = chunkStart + chunk.length;
  const { attempts, baseDelayMs, maxDelayMs } = params.retry;
  /** The session's count of bytes, checked: never before this chunk (those bytes are gone) nor past it. */
  const checked = (received: number) => {
    if (received < chunkStart || received > chunkEnd) throw new UploadSessionLostError(`the session holds ${received} bytes`);
    return received;
  };
  return withRetry(
    async (attempt) => {
      // Where the latest send started; null when the answer came from a status query, not a send.
      let sentFrom: number | null = attempt === 1 ? chunkStart : null;
      let answer = attempt === 1 ? await firstAttempt() : await queryStatus(params);
      for (;;) {
        if (answer.kind === 'complete') return answer.file;
        const received = checked(answer.received);
        if (received === chunkEnd) return null;
        // A partial acknowledgement is progress: the rest goes at once. A send that moved nothing is a failed attempt.
        if (sentFrom !== null && received <= sentFrom) throw new UploadStalledError();
        sentFrom = received;
        answer = await put(params, chunk.subarray(received - chunkStart), received);
      }
    },
    { attempts, baseDelayMs, maxDelayMs, classify: classifyDriveFailure, ...(params.signal ? { signal: params.signal } : {}) },
  );
}

/** `PUT Content-Range: bytes *\/total` with an empty body: what does the session hold? */
function queryStatus(params: ResumableUploadParams): Promise<SessionAnswer> {
  const { attempts, baseDelayMs, maxDelayMs } = params.retry;
  return withRetry(() => put(params, Buffer.alloc(0), 0), {
    attempts,
    baseDelayMs,
    maxDelayMs,
    classify: classifyDriveFailure,
    ...(params.signal ? { signal: params.signal } : {}),
  });
}

async function put(params: ResumableUploadParams, body: Buffer, from: number): Promise<SessionAnswer> {
  const contentRange = body.length === 0 ? `bytes */${params.size}` : `bytes ${from}-${from + body.length - 1}/${params.size}`;
  return answerOf(await params.api.sendToSession(params.sessionUri, contentRange, body, params.signal));
}

async function answerOf(res: IncomingMessage): Promise<SessionAnswer> {
  const status = res.statusCode ?? 0;
  if (status === 200 || status === 201) return { kind: 'complete', file: await readJson<DriveFile>(res) };
  if (status === 308) {
    discard(res);
    return { kind: 'incomplete', received: receivedFrom(res.headers.range) };
  }
  if (status === 404 || status === 410) {
    discard(res);
    throw new UploadSessionLostError('the session expired');
  }
  throw await driveErrorFrom(res);
}

/** `Range: bytes=0-<last>` → last + 1; no header means nothing arrived yet. */
export function receivedFrom(header: string | undefined): number {
  if (!header) return 0;
  const match = /^bytes=0-(\d+)$/.exec(header.trim());
  if (!match) throw new UploadSessionLostError('the session answered an unreadable Range');
  return Number(match[1]) + 1;
}
