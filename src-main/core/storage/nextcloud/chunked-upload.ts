import type { IncomingHttpHeaders } from 'node:http';
import { fillFully, type ByteSource } from '../sources/byte-source';
import type { DavClient } from '../webdav/dav-client';
import { DavStatusError } from '../webdav/dav-status';
import type { StagedUpload, UploadDetails } from '../webdav/dav-storage-backend';
import { discard } from '../webdav/dav-transport';
import { checkReportedSha256 } from '../webdav/reported-hash';

/** Nextcloud names chunks 1…10000. */
const MAX_CHUNKS = 10_000;

export interface ChunkedUploadTarget {
  readonly client: DavClient;
  /** `<server>/remote.php/dav/uploads/<userid>/` */
  readonly uploadsBase: URL;
  /** Full URL of the file to create under the files tree. */
  readonly destination: URL;
  /** Names the upload folder; derived from the document id so an interrupted upload can be found again. */
  readonly uploadId: string;
  readonly chunkSize: number;
  /** False once credentials were refused: then nothing more may be sent, not even a clean-up. */
  readonly maySendCleanup: () => boolean;
}

export function uploadFolderUrl(uploadsBase: URL, uploadId: string): URL {
  return new URL(`${encodeURIComponent(uploadId)}/`, uploadsBase);
}

/**
 * Chunked upload v2: MKCOL an upload folder, PUT numbered chunks, MOVE
 * `.file` onto the destination. `Destination` and `OC-Total-Length` go on
 * every request (v2 lets the server stream chunks straight to object
 * storage); the SHA-256 is known by the final MOVE and sent as OC-Checksum,
 * and the server's X-Hash-SHA256 answer is checked against it.
 * One chunk buffer is held in memory and refilled for each chunk, and each
 * chunk PUT is retried on its own (the buffer keeps the chunk until its PUT
 * succeeded); a 423 Locked while assembling is waited out.
 */
export async function uploadInChunks(target: ChunkedUploadTarget, request: UploadDetails, source: ByteSource): Promise<StagedUpload> {
  const { client } = target;
  const { size } = source;
  const folder = uploadFolderUrl(target.uploadsBase, target.uploadId);
  const common = { Destination: target.destination.href, 'OC-Total-Length': String(size) };
  const signal = request.signal ? { signal: request.signal } : {};
  try {
    // Chunks left by an interrupted attempt would be assembled into this file too.
    await client.delete(folder);
    await client.mkcol(folder, common);
    const chunkSize = Math.max(target.chunkSize, Math.ceil(size / MAX_CHUNKS));
    const buffer = Buffer.allocUnsafe(Math.min(chunkSize, size));
    for (let sent = 0, number = 1; sent < size; number++) {
      const chunk = await fillFully(source, buffer.subarray(0, Math.min(buffer.length, size - sent)));
      sent += chunk.length;
      const url = new URL(String(number).padStart(5, '0'), folder);
      const headers = { ...common, 'Content-Type': 'application/octet-stream' };
      discard(await client.exchange({ method: 'PUT', url, headers, body: chunk, ...signal }, [200, 201, 204]));
    }
    // Before the MOVE: a file that grew while being read is never assembled.
    await source.finish();
    const reported = await assemble(client, folder, { ...common, 'OC-Checksum': `SHA256:${source.sha256}` }, request.signal);
    if (reported) checkReportedSha256(reported, source.sha256);
    return { size, sha256: source.sha256 };
  } catch (error) {
    if (target.maySendCleanup()) await client.delete(folder).catch(() => undefined);
    throw error;
  }
}

/** MOVE `.file` onto the destination; returns the answer's headers (null when a retried MOVE found the work done). */
async function assemble(
  client: DavClient,
  folder: URL,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<IncomingHttpHeaders | null> {
  try {
    const response = await client.exchange(
      { method: 'MOVE', url: new URL('.file', folder), headers, ...(signal ? { signal } : {}) },
      [201, 204],
      { retryLocked: true },
    );
    discard(response);
    return response.headers;
  } catch (error) {
    // A retried MOVE whose first attempt went through finds the upload folder gone;
    // the caller's size check on the destination tells whether the file is really there.
    if (!(error instanceof DavStatusError && error.status === 404)) throw error;
    return null;
  }
}
