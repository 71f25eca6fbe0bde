import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { jsonSender } from '../shared/http-io';

/** JSON answers with the headers Graph and the identity platform send. */
export const sendJson = jsonSender({ contentType: 'application/json; charset=utf-8', cacheControl: 'no-store' });

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
