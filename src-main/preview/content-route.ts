import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { VaultCore } from '../core/vault-core';
import { serveDocumentContent } from '../ipc/content-response';
import { PREVIEW_ROUTES } from './protocol';

/** Where the window loads a document's bytes from: relative, so it follows whichever host name the page uses. */
export function previewContentUrl(documentId: string): string {
  return `${PREVIEW_ROUTES.content}${encodeURIComponent(documentId)}`;
}

/**
 * GET/HEAD /content/<id>: exactly the response Electron's content protocol gives
 * (same status, same headers, Range support), so viewers behave alike on both.
 */
export async function handleContent(req: IncomingMessage, res: ServerResponse, core: VaultCore, idSegment: string): Promise<void> {
  let id: string;
  try {
    id = decodeURIComponent(idSegment);
  } catch {
    id = '';
  }
  const response = await serveDocumentContent(core, id, req.headers.range);
  res.writeHead(response.status, response.headers);
  if (!response.body) {
    res.end();
    return;
  }
  if (req.method === 'HEAD') {
    response.body.destroy();
    res.end();
    return;
  }
  // A viewer that stops reading (closed, or seeking with a new Range) must release the file.
  await pipeline(response.body, res).catch(() => undefined);
}
