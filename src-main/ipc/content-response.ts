import type { Readable } from 'node:stream';
import { exportFileName } from '../core/documents/file-names';
import { RangeNotSatisfiableError } from '../core/documents/document-service';
import { isAppError } from '../core/errors';
import type { VaultCore } from '../core/vault-core';
import type { ByteRange } from '../core/storage/storage-backend';

/**
 * A document's bytes as an HTTP-shaped response, shared by the Electron content
 * protocol and the browser preview so both send exactly the same headers.
 */
export interface ContentResponse {
  readonly status: 200 | 206 | 400 | 404 | 416 | 500 | 502;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readable | null;
}

/**
 * Headers every content response carries: the stored type is never sniffed, and
 * the document is its own sandboxed origin, so an uploaded HTML or SVG file can
 * never run script with the app's privileges.
 */
export const CONTENT_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': 'sandbox',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-site',
  'Referrer-Policy': 'no-referrer',
};

export type ParsedRange = { kind: 'none' } | { kind: 'range'; range: ByteRange } | { kind: 'unsatisfiable' };

/**
 * Parses a single-range `Range` header against a size (RFC 9110 §14.1.2).
 * Syntax we do not understand, and multiple ranges, are ignored: the whole body is served.
 */
export function parseRange(header: string | null | undefined, size: number): ParsedRange {
  if (!header) return { kind: 'none' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return { kind: 'none' };
  const [, startText = '', endText = ''] = match;
  if (startText === '' && endText === '') return { kind: 'none' };
  if (startText === '') {
    const suffix = Number(endText);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(startText);
  const end = endText === '' ? size - 1 : Math.min(Number(endText), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'range', range: { start, end } };
}

function contentDisposition(name: string): string {
  const safe = exportFileName(name);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}

function errorResponse(status: ContentResponse['status'], message: string): ContentResponse {
  return { status, headers: { ...CONTENT_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'X-DocuVault-Error': message }, body: null };
}

export async function serveDocumentContent(
  core: VaultCore,
  documentId: string,
  rangeHeader: string | null | undefined,
): Promise<ContentResponse> {
  let size: number;
  try {
    size = core.documents.get(documentId).size;
  } catch {
    return errorResponse(404, 'Document not found');
  }
  const parsed = parseRange(rangeHeader, size);
  if (parsed.kind === 'unsatisfiable') {
    return { status: 416, headers: { ...CONTENT_SECURITY_HEADERS, 'Content-Range': `bytes */${size}` }, body: null };
  }
  try {
    const content = await core.documents.openContent(documentId, parsed.kind === 'range' ? parsed.range : null);
    const common = {
      ...CONTENT_SECURITY_HEADERS,
      'Content-Type': content.contentType,
      'Accept-Ranges': 'bytes',
      'Content-Disposition': contentDisposition(content.name),
    };
    if (content.range) {
      return {
        status: 206,
        headers: {
          ...common,
          'Content-Length': String(content.range.end - content.range.start + 1),
          'Content-Range': `bytes ${content.range.start}-${content.range.end}/${content.size}`,
        },
        body: content.stream,
      };
    }
    return { status: 200, headers: { ...common, 'Content-Length': String(content.size) }, body: content.stream };
  } catch (error) {
    if (error instanceof RangeNotSatisfiableError) {
      return { status: 416, headers: { ...CONTENT_SECURITY_HEADERS, 'Content-Range': `bytes */${error.size}` }, body: null };
    }
    if (isAppError(error) && error.code === 'NOT_FOUND') return errorResponse(404, 'Document not found');
    if (isAppError(error) && (error.code === 'BACKEND_UNAVAILABLE' || error.code === 'REAUTH_REQUIRED')) {
      return errorResponse(502, 'Storage unavailable');
    }
    return errorResponse(500, 'Could not read the document');
  }
}
