import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest JSON or form body the fake accepts (metadata only; file bytes go through upload sessions). */
const MAX_SMALL_BODY = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super('request body too large');
    this.name = 'BodyTooLargeError';
  }
}

export async function readSmallBody(req: IncomingMessage, limit = MAX_SMALL_BODY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) throw new BodyTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readSmallBody(req)).toString('utf8'));
}

/** A JSON object body; empty is `{}`; anything that is not an object is null. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const text = (await readSmallBody(req)).toString('utf8').trim();
  if (text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Length': '0', ...headers });
  res.end();
}

export function sendHtml(res: ServerResponse, status: number, title: string, text: string): void {
  const page = `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${text}</p>`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(page)) });
  res.end(page);
}

/** Graph's error envelope: `{error: {code, message, innerError: {date, request-id, client-request-id}}}`. */
export function sendGraphError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const requestId = randomUUID();
  sendJson(
    res,
    status,
    { error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': requestId, 'client-request-id': requestId } } },
    { 'request-id': requestId, ...headers },
  );
}

/** The Graph errors the fake answers with, by name. */
export const graphErrors = {
  unauthenticated: (res: ServerResponse, message = 'Access token has expired or is not yet valid.') =>
    sendGraphError(res, 401, 'InvalidAuthenticationToken', message, {
      'WWW-Authenticate':
        'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
    }),
  accessDenied: (res: ServerResponse) => sendGraphError(res, 403, 'accessDenied', 'Access denied. The token lacks the required scope.'),
  notFound: (res: ServerResponse) => sendGraphError(res, 404, 'itemNotFound', 'The resource could not be found.'),
  invalid: (res: ServerResponse, message: string) => sendGraphError(res, 400, 'invalidRequest', message),
  nameAlreadyExists: (res: ServerResponse) =>
    sendGraphError(res, 409, 'nameAlreadyExists', 'The specified item name already exists.'),
  quotaLimitReached: (res: ServerResponse) => sendGraphError(res, 507, 'quotaLimitReached', 'Insufficient Space Available'),
  rangeNotSatisfiable: (res: ServerResponse, message: string) => sendGraphError(res, 416, 'invalidRange', message),
};
