import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from './http-io';

/** One refusal of the Microsoft identity platform, as its token endpoint words it. */
export interface AadError {
  readonly error: 'invalid_grant' | 'invalid_request' | 'invalid_client' | 'invalid_scope' | 'unauthorized_client' | 'unsupported_grant_type';
  /** The AADSTS number, e.g. 70000. */
  readonly code: number;
  readonly description: string;
  /** Present on some invalid_grant answers (`bad_token`): MSAL then raises InteractionRequiredAuthError. */
  readonly suberror?: string;
}

export class AadRefusal extends Error {
  constructor(readonly detail: AadError) {
    super(`AADSTS${detail.code}: ${detail.description}`);
    this.name = 'AadRefusal';
  }
}

/**
 * The token endpoint's error JSON: `error`, an `error_description` starting
 * with the AADSTS code and ending with trace and correlation ids, the
 * numeric `error_codes`, timestamps and (sometimes) `suberror`.
 */
export function sendAadError(res: ServerResponse, status: number, detail: AadError): void {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  sendJson(res, status, {
    error: detail.error,
    error_description: `AADSTS${detail.code}: ${detail.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [detail.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${detail.code}`,
    ...(detail.suberror ? { suberror: detail.suberror } : {}),
  });
}

export const aad = {
  codeRedeemed: (): AadError => ({ error: 'invalid_grant', code: 54005, description: 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.' }),
  codeInvalid: (): AadError => ({ error: 'invalid_grant', code: 70000, description: "The provided value for the 'code' parameter is not valid." }),
  verifierMismatch: (): AadError => ({ error: 'invalid_grant', code: 501481, description: 'The Code_Verifier does not match the code_challenge supplied in the authorization request.' }),
  redirectMismatch: (): AadError => ({ error: 'invalid_grant', code: 70000, description: "The provided value for the 'redirect_uri' is not valid. The value must exactly match the redirect URI used to obtain the authorization code." }),
  /** A revoked grant: with `suberror: bad_token`, as the platform marks a token the person must sign in again for. */
  refreshRevoked: (): AadError => ({
    error: 'invalid_grant',
    code: 70000,
    description: "The provided value for the 'refresh_token' is not valid. The refresh token was revoked.",
    suberror: 'bad_token',
  }),
  /** A refresh token unused for too long: plain invalid_grant, which MSAL raises as a ServerError. */
  refreshExpired: (): AadError => ({
    error: 'invalid_grant',
    code: 700082,
    description: 'The refresh token has expired due to inactivity. The token was issued on 2024-01-01T00:00:00.0000000Z and was inactive for 90.00:00:00.',
  }),
  clientNotFound: (clientId: string): AadError => ({
    error: 'unauthorized_client',
    code: 700016,
    description: `Application with identifier '${clientId}' was not found in the directory.`,
  }),
  publicClientSentSecret: (): AadError => ({
    error: 'invalid_client',
    code: 700025,
    description: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
  }),
  missing: (parameter: string): AadError => ({ error: 'invalid_request', code: 900144, description: `The request body must contain the following parameter: '${parameter}'.` }),
  badScope: (scope: string): AadError => ({ error: 'invalid_scope', code: 70011, description: `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.` }),
};
