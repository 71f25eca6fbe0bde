import type { IncomingMessage } from 'node:http';
import { SizeMismatchError } from '../hashing-counter';
import type { FragmentReader } from './fragment-reader';
import type { GraphApi } from './graph-api';

/**
 * Fills one fragment buffer from the stream while the same bytes already go
 * up in the fragment's PUT, so reading and hashing overlap with the network
 * instead of alternating with it; memory is still the one buffer, which keeps
 * the whole fragment for a resend should this first attempt fail.
 *
 * For the last fragment the final byte is held back until the stream is
 * known to have ended exactly there: a body longer than announced never
 * completes a session, so it never becomes a file.
 *
 * Resolves once the buffer is full, with the PUT's answer still to come (its
 * failure is the retry policy's business). Rejects only for the source
 * (short or long body, cancellation), which is never retried.
 */
export async function streamFragment(params: {
  readonly api: GraphApi;
  readonly uploadUrl: string;
  readonly reader: FragmentReader;
  readonly fragment: Buffer;
  readonly offset: number;
  readonly size: number;
  readonly last: boolean;
  readonly signal?: AbortSignal | undefined;
}): Promise<{ readonly response: Promise<IncomingMessage> }> {
  const { fragment, offset, size, last, reader } = params;
  const length = fragment.length;
  const request = params.api.streamFragment(params.uploadUrl, `bytes ${offset}-${offset + length - 1}/${size}`, length, params.signal);
  // Once the request has failed, keep filling the buffer (a resend needs every byte) but stop writing.
  let writing = true;
  let written = 0;
  const writeUpTo = async (end: number) => {
    if (!writing || end <= written) return;
    const piece = fragment.subarray(written, end);
    written = end;
    await request.write(piece).catch(() => (writing = false));
  };
  try {
    const sendable = last ? length - 1 : length;
    for (let filled = 0; filled < length; ) {
      const next = await reader.fillSome(fragment, filled, length);
      if (next === filled) throw new SizeMismatchError();
      filled = next;
      await writeUpTo(Math.min(filled, sendable));
    }
    if (last) await reader.finish();
    await writeUpTo(length);
  } catch (error) {
    request.abort();
    throw error;
  }
  if (writing) request.end();
  else request.abort();
  return { response: request.response };
}
