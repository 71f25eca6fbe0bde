import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/ports';
import type { VaultCore } from '../core/vault-core';
import type { Router } from '../ipc/router';
import { BRIDGE_SCRIPT_PATH } from './app-page';
import { handleContent } from './content-route';
import type { EventStreams } from './event-stream';
import { BASE_HEADERS, sendText } from './http-responses';
import { handleInvoke } from './invoke-route';
import type { PendingUploads } from './pending-uploads';
import type { PreviewAccess } from './preview-access';
import { PREVIEW_ROUTES } from './protocol';
import { serveRendererFile } from './static-files';
import { handleAnnounceUploads, handleUploadBody } from './upload-routes';

export interface PreviewServices {
  readonly core: VaultCore;
  readonly router: Router;
  readonly access: PreviewAccess;
  readonly events: EventStreams;
  readonly uploads: PendingUploads;
  readonly bridgeScript: Buffer;
  readonly rendererDir: string;
  readonly logger: Logger;
}

/** Every request passes the access check first, whatever it asks for. */
export function createRequestHandler(services: PreviewServices): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(req, res, services).catch((error: unknown) => {
      services.logger.log('error', 'preview request failed', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      if (!res.headersSent) sendText(res, 500, 'Something went wrong.');
      else res.destroy();
    });
  };
}

async function route(req: IncomingMessage, res: ServerResponse, services: PreviewServices): Promise<void> {
  const decision = services.access.check(req);
  if (decision.kind === 'deny') {
    sendText(res, decision.status, decision.reason);
    return;
  }
  if (decision.kind === 'grant') {
    res.writeHead(303, { ...BASE_HEADERS, Location: decision.location, 'Set-Cookie': decision.setCookie, 'Cache-Control': 'no-store', 'Content-Length': '0' });
    res.end();
    return;
  }

  // The raw path, undecoded and unnormalised: each route decodes only its own segment.
  const path = (req.url ?? '').split('?')[0]!;
  const method = req.method ?? 'GET';
  if (!path.startsWith('/') || path.startsWith('//')) {
    sendText(res, 400, 'Bad request target.');
    return;
  }

  if (path.startsWith(PREVIEW_ROUTES.invoke)) {
    return handleInvoke(req, res, services.router, path.slice(PREVIEW_ROUTES.invoke.length), (channel, payload, result) => {
      if (channel === 'documents:cancel-upload' && result.ok) services.uploads.noteCancelled((payload as { uploadId: string }).uploadId);
    });
  }
  if (path === PREVIEW_ROUTES.uploads) return handleAnnounceUploads(req, res, services.router, services.uploads);
  if (path.startsWith(`${PREVIEW_ROUTES.uploads}/`)) {
    return handleUploadBody(req, res, services.uploads, decodeSegment(path.slice(PREVIEW_ROUTES.uploads.length + 1)));
  }

  const readOnly = method === 'GET' || method === 'HEAD';
  if (!readOnly) {
    sendText(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    return;
  }
  if (path === PREVIEW_ROUTES.events && method === 'GET') {
    services.events.serve(req, res);
    return;
  }
  if (path.startsWith(PREVIEW_ROUTES.content)) return handleContent(req, res, services.core, path.slice(PREVIEW_ROUTES.content.length));
  if (path === BRIDGE_SCRIPT_PATH) {
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Length': String(services.bridgeScript.length),
      'Cache-Control': 'no-store',
    });
    res.end(method === 'HEAD' ? undefined : services.bridgeScript);
    return;
  }
  if (path.startsWith('/api/') || path.startsWith('/__docuvault/')) {
    sendText(res, 404, 'Not found.');
    return;
  }
  return serveRendererFile(services.rendererDir, path, res, method === 'HEAD');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
