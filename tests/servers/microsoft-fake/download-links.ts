import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { sendEmpty } from '../shared/http-io';
import type { DriveStore } from './drive-store';
import { sendGraphError } from './http-io';

interface DownloadLink {
  readonly itemId: string;
  readonly expiresAt: number;
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n`; anything else is served whole, as HTTP allows. */
function rangeOf(header: string | undefined, size: number): { start: number; end: number } | 'whole' | 'unsatisfiable' {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return 'whole';
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  if (match[2] !== '' && Number(match[2]) < start) return 'whole';
  if (start >= size) return 'unsatisfiable';
  return { start, end: match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1) };
}

/**
 * The short-lived, pre-authenticated download URLs that `/content` redirects
 * to (on the real service they live on another host). The URL is the
 * credential: a request that carries `Authorization` is refused with 401 (a
 * client that forwards its bearer token to a foreign host must be caught);
 * an expired link answers 410. Range gives 206, past the end 416.
 */
export class DownloadLinks {
  private readonly links = new Map<string, DownloadLink>();
  lifetimeMs = 60 * 60 * 1000;

  constructor(private readonly store: DriveStore) {}

  /** A link on `base` (the fake, or a proxy in front of it). */
  issue(itemId: string, base: string): string {
    const token = randomBytes(32).toString('base64url');
    this.links.set(token, { itemId, expiresAt: Date.now() + this.lifetimeMs });
    return `${base}/download/${token}`;
  }

  /** Control: every link handed out so far stops working. */
  expireAll(): void {
    this.links.clear();
  }

  async serve(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    req.resume();
    if (req.headers.authorization !== undefined) {
      return sendGraphError(res, 401, 'unauthenticated', 'A pre-authenticated download URL must not be sent an Authorization header.');
    }
    const link = this.links.get(token);
    if (!link || link.expiresAt <= Date.now()) return sendGraphError(res, 410, 'resourceExpired', 'The download URL has expired.');
    const item = this.store.get(link.itemId);
    if (!item?.content) return sendGraphError(res, 404, 'itemNotFound', 'The resource could not be found.');
    const { size, path, mimeType } = item.content;
    const range = rangeOf(req.headers.range, size);
    if (range === 'unsatisfiable') return sendEmpty(res, 416, { 'Content-Range': `bytes */${size}` });
    const headers = { 'Content-Type': mimeType, 'Accept-Ranges': 'bytes' };
    if (range === 'whole') {
      res.writeHead(200, { ...headers, 'Content-Length': String(size) });
      if (size === 0) return void res.end();
      await pipeline(createReadStream(path), res).catch(() => res.destroy());
      return;
    }
    res.writeHead(206, { ...headers, 'Content-Range': `bytes ${range.start}-${range.end}/${size}`, 'Content-Length': String(range.end - range.start + 1) });
    await pipeline(createReadStream(path, { start: range.start, end: range.end }), res).catch(() => res.destroy());
  }
}
