import type { ServerResponse } from 'node:http';
import { jsonSender } from '../shared/http-io';

/** JSON answers with the headers Google's APIs send. */
export const sendJson = jsonSender({ contentType: 'application/json; charset=UTF-8', cacheControl: 'no-cache, no-store, max-age=0, must-revalidate' });

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
