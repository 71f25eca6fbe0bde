import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { PutRequest } from '../storage-backend';
import type { DavClient } from '../webdav/dav-client';
import { DavStatusError } from '../webdav/dav-status';
import type { StagedUpload } from '../webdav/dav-storage-backend';
import { discard } from '../webdav/dav-transport';
import { checkReportedSha256 } from '../webdav/reported-hash';
import { fixedChunks, hashedBody } from '../webdav/upload-body';

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
 * One chunk is held in memory at a time, and each chunk PUT is retried on
 * its own; a 423 Locked while assembling is waited out.
 */
export async function uploadInChunks(target: ChunkedUploadTarget, request: PutRequest, body: Readable): Promise<StagedUpload> {
  const { client } = target;
  const folder = uploadFolderUrl(target.uploadsBase, target.uploadId);
  const common = { Destination: target.destination.href, 'OC-Total-Length': String(request.size) };
  const signal = request.signal ? { signal: request.signal } : {};
  try {
    // Chunks left by an interrupted attempt would be assembled into this file too.
    await client.delete(folder);
    await client.mkcol(folder, common);
    const counter = hashedBody(request, body);
    const chunkSize = Math.max(target.chunkSize, Math.ceil(request.size / MAX_CHUNKS));
    const buffer = Buffer.allocUnsafe(Math.min(chunkSize, request.size));
    let number = 0;
    for await (const chunk of fixedChunks(counter, buffer)) {
      number++;
      const url = new URL(String(number).padStart(5, '0'), folder);
      const headers = { ...common, 'Content-Type': 'application/octet-stream' };
      discard(await client.exchange({ method: 'PUT', url, headers, body: chunk, ...signal }, [200, 201, 204]));
    }
    const reported = await assemble(client, folder, { ...common, 'OC-Checksum': `SHA256:${counter.sha256}` }, request.signal);
    if (reported) checkReportedSha256(reported, counter.sha256);
    return { size: counter.bytes, sha256: counter.sha256 };
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
