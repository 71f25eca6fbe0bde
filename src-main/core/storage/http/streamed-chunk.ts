import type { IncomingMessage } from 'node:http';
import { SizeMismatchError } from '../hashing-counter';
import type { ByteSource } from '../sources/byte-source';
import type { StreamingRequest } from './http-transport';

/**
 * Fills one chunk buffer from the stream while the same bytes already go up
 * in the chunk's PUT, so reading and hashing overlap with the network instead
 * of alternating with it — and memory is still the one buffer, which keeps
 * the whole chunk for a resend should this first attempt fail. `open` starts
 * that PUT (a Drive resumable session and a OneDrive upload session both take
 * `Content-Range: bytes a-b/total`).
 *
 * For the last chunk, its final byte is held back until the stream is known
 * to have ended exactly there: a body longer than announced never completes
 * an upload, so it never becomes a file.
 *
 * Resolves once the buffer is full, with the PUT's response still to come
 * (its failure is the retry policy's business). Rejects only for the source
 * (short or long body, cancellation): those are never retried.
 */
export async function streamChunk(params: {
  readonly open: (contentRange: string, length: number) => StreamingRequest;
  readonly reader: ByteSource;
  readonly chunk: Buffer;
  readonly offset: number;
  readonly size: number;
  readonly last: boolean;
}): Promise<{ readonly response: Promise<IncomingMessage> }> {
  const { chunk, offset, size, last, reader } = params;
  const length = chunk.length;
  const request = params.open(`bytes ${offset}-${offset + length - 1}/${size}`, length);
  // Once the request has failed, keep filling the buffer (the retry needs every byte) but stop writing.
  let writing = true;
  let written = 0;
  const writeUpTo = async (end: number) => {
    if (!writing || end <= written) return;
    const piece = chunk.subarray(written, end);
    written = end;
    await request.write(piece).catch(() => (writing = false));
  };
  try {
    const sendable = last ? length - 1 : length;
    for (let filled = 0; filled < length; ) {
      const next = await reader.fillSome(chunk, filled, length);
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
