/**
 * What DocuVault stores next to each object, so an index could be rebuilt from
 * the bucket alone one day. User metadata travels in HTTP headers, which must be
 * ASCII: only the document id and the hex digest go there, never the name.
 */
const META_PREFIX = 'x-amz-meta-';
const DOCUMENT_ID = 'docuvault-id';
const SHA256 = 'docuvault-sha256';
const HEX_SHA256 = /^[0-9a-f]{64}$/;
// type/subtype with optional parameters, printable ASCII only (it becomes a header).
const CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+(?:\s*;\s*[\w.+-]+=(?:[\w.+-]+|"[\x20-\x21\x23-\x7e]*"))*$/;

/** The content type to store; anything that could not be a header value becomes the generic binary type. */
export function storableContentType(value: string): string {
  return typeof value === 'string' && value.length <= 200 && CONTENT_TYPE.test(value) ? value : 'application/octet-stream';
}

/** Headers for a new object (or for replacing an object's metadata); the digest is absent until it is known. */
export function objectHeaders(contentType: string, documentId: string, sha256?: string): Record<string, string> {
  return {
    'Content-Type': storableContentType(contentType),
    [`${META_PREFIX}${DOCUMENT_ID}`]: documentId,
    ...(sha256 !== undefined ? { [`${META_PREFIX}${SHA256}`]: sha256 } : {}),
  };
}

/** The stored digest from the metadata the client returns (keys already stripped of `x-amz-meta-`). */
export function sha256FromMetadata(metaData: Record<string, unknown>): string | null {
  const value = metaData[SHA256];
  return typeof value === 'string' && HEX_SHA256.test(value) ? value : null;
}
