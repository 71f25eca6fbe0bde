import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { z } from 'zod';
import type { Logger } from '../core/ports';
import type { VaultCore } from '../core/vault-core';
import { CONTENT_SECURITY_HEADERS, serveDocumentContent } from '../ipc/content-response';
import { APP_ORIGIN, CONTENT_HOST, CONTENT_SCHEME } from './schemes';

const DocumentId = z.uuid();

/**
 * What Electron adds on top of the shared content headers. The app page and
 * the content are different origins (different schemes), so pdf.js's fetch()
 * with Range needs CORS for the app origin and must be allowed to read the
 * range headers; and "same-site" resource policy would make Chromium refuse
 * <img>/<video> loads across the two schemes. No web origin can reach this
 * scheme, so the only readers are the app page and document frames.
 */
const ELECTRON_CONTENT_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': APP_ORIGIN,
  'Access-Control-Expose-Headers': 'Content-Range, Content-Length, Accept-Ranges, Content-Type, Content-Disposition',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

function emptyResponse(status: number, extra: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: { ...CONTENT_SECURITY_HEADERS, ...ELECTRON_CONTENT_HEADERS, ...extra } });
}

/** The document id `docuvault-content://document/<id>` names, or null. */
export function documentIdFromUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${CONTENT_SCHEME}:` || parsed.host !== CONTENT_HOST) return null;
  const id = parsed.pathname.replace(/^\//, '');
  return DocumentId.safeParse(id).success ? id : null;
}

/** Streams a document's bytes, with Range, exactly as the browser preview does plus the CORS headers above. */
export function createContentRequestHandler(core: VaultCore, logger: Logger): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method === 'OPTIONS') {
      return emptyResponse(204, {
        'Access-Control-Allow-Methods': 'GET, HEAD',
        'Access-Control-Allow-Headers': 'Range',
        'Access-Control-Max-Age': '600',
      });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return emptyResponse(405, { Allow: 'GET, HEAD' });
    const id = documentIdFromUrl(request.url);
    if (!id) return emptyResponse(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    try {
      const content = await serveDocumentContent(core, id, request.headers.get('range'));
      if (content.status >= 500) logger.log('warn', 'document content unavailable', { status: content.status });
      const headers = { ...content.headers, ...ELECTRON_CONTENT_HEADERS };
      if (!content.body || request.method === 'HEAD') {
        content.body?.destroy();
        return new Response(null, { status: content.status, headers });
      }
      const body = Readable.toWeb(content.body) as ReadableStream<Uint8Array>;
      return new Response(body, { status: content.status, headers });
    } catch (error) {
      // A rejected handler becomes a bare network error in the page; a 500 at least says what happened.
      logger.log('error', 'content protocol failed', { error: error instanceof Error ? error.message : String(error) });
      return emptyResponse(500);
    }
  };
}

export function registerContentProtocol(core: VaultCore, logger: Logger): void {
  protocol.handle(CONTENT_SCHEME, createContentRequestHandler(core, logger));
}
