import type { IncomingMessage } from 'node:http';
import { AppError } from '../../errors';
import { ObjectNotFoundError, type ByteRange } from '../storage-backend';
import { discard } from '../http/http-transport';
import type { GraphApi } from './graph-api';
import { graphErrorFrom } from './graph-errors';

/** A download URL that stopped working (they are short-lived): ask `/content` for a fresh one. */
const EXPIRED_LINK_STATUSES = new Set([401, 403, 404, 410]);

/**
 * Opens an item's bytes: `GET /content` with the bearer token answers 302 to
 * a short-lived pre-authenticated URL on another host, which is fetched
 * WITHOUT the token (the token is for Graph only) and with the Range. A link
 * that expired between the two steps is asked for again, once.
 */
export async function openContent(
  api: GraphApi,
  itemId: string,
  range: ByteRange | undefined,
  signal: AbortSignal | undefined,
): Promise<IncomingMessage> {
  for (let round = 1; ; round++) {
    const location = await api.contentLocation(itemId, signal);
    if (!location) throw new ObjectNotFoundError();
    const res = await api.openDownload(location, range, signal);
    const status = res.statusCode ?? 0;
    if (status === 200 || status === 206) return res;
    if (status === 416) {
      discard(res);
      throw new AppError('VALIDATION', 'The requested byte range lies outside the document.');
    }
    if (round === 1 && EXPIRED_LINK_STATUSES.has(status)) {
      discard(res);
      continue;
    }
    throw await graphErrorFrom(res);
  }
}
