import type { IncomingMessage } from 'node:http';
import { withRetry } from '../../net/retry';
import type { ByteSource } from '../sources/byte-source';
import { discard, readJson } from '../http/http-transport';
import { streamChunk } from '../http/streamed-chunk';
import { nextExpectedByte, type DriveItem, type UploadSessionResource } from './drive-item';
import type { GraphApi } from './graph-api';
import { classifyGraphFailure, graphErrorFrom, UploadOutcomeUnknownError, UploadSessionLostError, UploadStalledError } from './graph-errors';
import type { OneDriveRetryOptions } from './onedrive-backend-options';

export interface UploadSessionParams {
  readonly api: GraphApi;
  readonly uploadUrl: string;
  readonly size: number;
  /** A multiple of 320 KiB under 60 MiB; the one buffer this upload holds. */
  readonly fragmentSize: number;
  readonly retry: Required<OneDriveRetryOptions>;
  readonly signal?: AbortSignal | undefined;
}

/** What the session said: done (with the item), the next byte it expects (null: none), "ask me" (416), or gone (404). */
type SessionAnswer =
  | { readonly kind: 'complete'; readonly item: DriveItem }
  | { readonly kind: 'expects'; readonly next: number | null }
  | { readonly kind: 'ask' }
  | { readonly kind: 'gone' };

/**
 * Sends a stream over an upload session, fragment by fragment, in order:
 * `PUT Content-Range: bytes a-b/total` without Authorization (the URL is the
 * credential), 202 with `nextExpectedRanges` until the last fragment's
 * 201/200 with the driveItem. Each fragment's first attempt streams its bytes
 * as they are read. After a broken connection, a 5xx or a 429 it waits
 * (backoff with jitter, Retry-After honoured), asks the session what it
 * expects (GET on the URL) and resends from there out of the fragment
 * buffer; a 416 (that range already arrived) is answered the same way.
 * Earlier fragments are never needed again. Memory: one fragment.
 */
export async function sendFragments(params: UploadSessionParams, reader: ByteSource): Promise<DriveItem> {
  const { size, fragmentSize } = params;
  const buffer = Buffer.allocUnsafe(Math.min(fragmentSize, size));
  for (let offset = 0; ; ) {
    const length = Math.min(fragmentSize, size - offset);
    const fragment = buffer.subarray(0, length);
    const last = offset + length === size;
    const open = (contentRange: string, fragmentLength: number) => params.api.streamFragment(params.uploadUrl, contentRange, fragmentLength, params.signal);
    const streamed = await streamChunk({ open, reader, chunk: fragment, offset, size, last });
    const item = await settleFragment(params, fragment, offset, last, async () => answerOf(await streamed.response));
    if (item) {
      if (!last) throw new UploadSessionLostError('the session completed before the last fragment');
      return item;
    }
    if (last) throw new UploadSessionLostError('the last fragment did not complete the upload');
    offset += length;
  }
}

/**
 * Makes the session hold all of one fragment (already in `fragment`): the
 * first attempt's answer comes from `firstAttempt`; later attempts ask the
 * session what it expects and resend the rest. Returns the item if that
 * completed the upload.
 */
function settleFragment(
  params: UploadSessionParams,
  fragment: Buffer,
  start: number,
  last: boolean,
  firstAttempt: () => Promise<SessionAnswer>,
): Promise<DriveItem | null> {
  const end = start + fragment.length;
  const { attempts, baseDelayMs, maxDelayMs } = params.retry;
  return withRetry(
    async (attempt) => {
      // Where the latest send started; null when the answer came from a status query.
      let sentFrom: number | null = attempt === 1 ? start : null;
      let answer = attempt === 1 ? await firstAttempt() : await askSession(params);
      for (;;) {
        if (answer.kind === 'ask') answer = await askSession(params);
        if (answer.kind === 'complete') return answer.item;
        if (answer.kind === 'gone' || answer.next === null) {
          // The final fragment may have completed the upload with its answer lost: the caller looks for the item.
          if (last) throw new UploadOutcomeUnknownError();
          throw new UploadSessionLostError(answer.kind === 'gone' ? 'the session expired' : 'the session expects nothing more');
        }
        const next = answer.next;
        if (next < start || next > end) throw new UploadSessionLostError(`the session expects byte ${next}`);
        if (next === end) return null;
        // A partial acknowledgement is progress: the rest goes at once. A send that moved nothing is a failed attempt.
        if (sentFrom !== null && next <= sentFrom) throw new UploadStalledError();
        sentFrom = next;
        answer = await put(params, fragment.subarray(next - start), next);
      }
    },
    { attempts, baseDelayMs, maxDelayMs, classify: classifyGraphFailure, ...(params.signal ? { signal: params.signal } : {}) },
  );
}

async function askSession(params: UploadSessionParams): Promise<Extract<SessionAnswer, { kind: 'expects' | 'gone' }>> {
  const status = await params.api.sessionStatus(params.uploadUrl, params.signal);
  return status === null ? { kind: 'gone' } : { kind: 'expects', next: expectedFrom(status) };
}

async function put(params: UploadSessionParams, body: Buffer, from: number): Promise<SessionAnswer> {
  const contentRange = `bytes ${from}-${from + body.length - 1}/${params.size}`;
  return answerOf(await params.api.sendFragment(params.uploadUrl, contentRange, body, params.signal));
}

async function answerOf(res: IncomingMessage): Promise<SessionAnswer> {
  const status = res.statusCode ?? 0;
  if (status === 200 || status === 201) return { kind: 'complete', item: await readJson<DriveItem>(res) };
  if (status === 202) return { kind: 'expects', next: expectedFrom(await readJson<UploadSessionResource>(res)) };
  discard(res);
  if (status === 416) return { kind: 'ask' };
  if (status === 404) return { kind: 'gone' };
  // The URL itself is the credential: refusing it means the session, not the account's token.
  if (status === 401 || status === 403) throw new UploadSessionLostError('the upload URL was refused');
  throw await graphErrorFrom(res);
}

function expectedFrom(resource: UploadSessionResource): number | null {
  try {
    return nextExpectedByte(resource);
  } catch {
    throw new UploadSessionLostError('the session answered unreadable ranges');
  }
}
