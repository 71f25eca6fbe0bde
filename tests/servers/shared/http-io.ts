import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest JSON or form body a fake accepts (metadata only; file bytes go through upload sessions). */
const MAX_SMALL_BODY = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super('request body too large');
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a small request body whole; file bytes never go through here. */
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

/** Parses a JSON object body; an empty body is an empty object, anything else that is not an object is null. */
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

export type JsonSender = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;

/**
 * A `sendJson` with the service's own Content-Type spelling and caching
 * headers (Google and Microsoft differ, and the fakes answer like each one).
 */
export function jsonSender(serviceHeaders: { readonly contentType: string; readonly cacheControl: string }): JsonSender {
  return (res, status, body, headers = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': serviceHeaders.contentType,
      'Content-Length': String(Buffer.byteLength(text)),
      'Cache-Control': serviceHeaders.cacheControl,
      ...headers,
    });
    res.end(text);
  };
}

export function sendHtml(res: ServerResponse, status: number, title: string, text: string): void {
  const page = `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${text}</p>`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(page)) });
  res.end(page);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Length': '0', ...headers });
  res.end();
}

/**
 * An OAuth authorization answer: a 302 back to the client's redirect URI with
 * `answer` (a code, or an error) and the client's `state` in the query.
 */
export function redirectWithAnswer(res: ServerResponse, redirectUri: string, answer: Record<string, string>, state: string | null): void {
  const target = new URL(redirectUri);
  for (const [key, value] of Object.entries({ ...answer, ...(state ? { state } : {}) })) target.searchParams.set(key, value);
  res.writeHead(302, { Location: target.toString(), 'Content-Length': '0' });
  res.end();
}
