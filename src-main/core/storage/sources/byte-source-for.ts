import type { FilePutRequest, PutRequest } from '../storage-backend';
import type { ByteSource } from './byte-source';
import { FileByteSource } from './file-byte-source';
import { StreamByteSource } from './stream-byte-source';

/** Either kind of upload request: a stream body, or a file on this machine read in place. */
export type UploadRequest = PutRequest | FilePutRequest;

export const isFileRequest = (request: UploadRequest): request is FilePutRequest => 'file' in request;

/** The request's bytes as a source; `onBytes` sees every byte once more, in order (a service's own hash). */
export function byteSourceFor(request: UploadRequest, onBytes?: (piece: Buffer) => void): ByteSource {
  return isFileRequest(request) ? new FileByteSource(request, onBytes) : new StreamByteSource(request, onBytes);
}

/**
 * Lets go of a request refused before any byte was read: a stream body is
 * destroyed; a file handle belongs to the caller, who closes it.
 */
export function releaseRequest(request: UploadRequest): void {
  if (!isFileRequest(request)) request.body.destroy();
}
