import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest JSON or form body the fake accepts (metadata only; media goes through upload sessions). */
const MAX_SMALL_BODY = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super('request body too large');
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a small request body whole; media never goes through here. */
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

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
    ...headers,
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, title: string, text: string): void {
  const page = `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${text}</p>`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(page)) });
  res.end(page);
}

/** The `error.status` strings Google APIs pair with HTTP statuses. */
const CANONICAL_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  416: 'OUT_OF_RANGE',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export interface GoogleErrorDetail {
  readonly reason: string;
  readonly message: string;
  readonly domain?: string;
  readonly location?: string;
  readonly locationType?: string;
}

/** Google's JSON error envelope, as the Drive API sends it. */
export function googleErrorBody(status: number, detail: GoogleErrorDetail): unknown {
  return {
    error: {
      code: status,
      message: detail.message,
      errors: [
        {
          message: detail.message,
          domain: detail.domain ?? 'global',
          reason: detail.reason,
          ...(detail.location ? { location: detail.location, locationType: detail.locationType ?? 'parameter' } : {}),
        },
      ],
      ...(CANONICAL_STATUS[status] ? { status: CANONICAL_STATUS[status] } : {}),
    },
  };
}

export function sendGoogleError(
  res: ServerResponse,
  status: number,
  detail: GoogleErrorDetail,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, googleErrorBody(status, detail), headers);
}

export const driveErrors = {
  unauthenticated: (res: ServerResponse) =>
    sendGoogleError(
      res,
      401,
      {
        reason: 'authError',
        message:
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        location: 'Authorization',
        locationType: 'header',
      },
      { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
    ),
  insufficientScopes: (res: ServerResponse) =>
    sendGoogleError(res, 403, { reason: 'insufficientPermissions', message: 'Request had insufficient authentication scopes.' }),
  notFound: (res: ServerResponse, fileId: string) =>
    sendGoogleError(res, 404, { reason: 'notFound', message: `File not found: ${fileId}.`, location: 'fileId' }),
  invalid: (res: ServerResponse, message: string, location?: string) =>
    sendGoogleError(res, 400, { reason: 'invalid', message, ...(location ? { location } : {}) }),
  storageQuotaExceeded: (res: ServerResponse) =>
    sendGoogleError(res, 403, { reason: 'storageQuotaExceeded', message: "The user's Drive storage quota has been exceeded." }),
};
