import type { IncomingMessage, ServerResponse } from 'node:http';
import { readForm, redirectWithAnswer, sendHtml } from '../shared/http-io';
import { aad, AadRefusal, sendAadError } from './aad-errors';
import { FILE_SCOPES, KNOWN_SCOPES, parseScopes, type FakeIdentity } from './fake-identity';
import { sendJson } from './http-io';

/** What the person does on the next consent screen. */
export type ConsentChoice =
  | 'allow'
  /** "Cancel" on the consent screen. */
  | 'deny'
  /** A work account whose admin allowed sign-in but not file access: the files permission is left out. */
  | 'allow-without-files';

/** Tenants a multi-tenant public client may name in the authority path. */
export function isKnownTenant(tenant: string, identity: FakeIdentity): boolean {
  return ['common', 'consumers', 'organizations', identity.account.tid].includes(tenant);
}

/** GET /<tenant>/v2.0/.well-known/openid-configuration, shaped like the platform's (issuer keeps the `{tenantid}` placeholder). */
export function sendOpenIdConfiguration(res: ServerResponse, base: string, tenant: string): void {
  const at = `${base}/${tenant}`;
  sendJson(res, 200, {
    token_endpoint: `${at}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${at}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/{tenantid}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${base}/oidc/userinfo`,
    authorization_endpoint: `${at}/oauth2/v2.0/authorize`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${at}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'oid'],
    tenant_region_scope: null,
    cloud_instance_name: 'microsoftonline.com',
    msgraph_host: 'graph.microsoft.com',
  });
}

export function sendJwks(res: ServerResponse, identity: FakeIdentity): void {
  sendJson(res, 200, identity.signingKeys());
}

/**
 * GET /<tenant>/oauth2/v2.0/authorize, as a person who is signed in and
 * clicks "Accept": 302 to the redirect URI with `code` and `state` (and
 * `client_info` when asked for). An unknown client or an unregistered
 * redirect URI gets an error page and no redirect (redirecting would hand
 * the answer to whoever forged the URL); other problems go back to the
 * redirect URI as `error=…`. Stricter than the platform, which lets public
 * clients skip them: PKCE S256 and `state` are required, because DocuVault
 * must always send them.
 */
export function handleAuthorize(req: IncomingMessage, res: ServerResponse, identity: FakeIdentity, nextChoice: () => ConsentChoice): void {
  const params = new URL(req.url ?? '/', 'https://fake').searchParams;
  const client = identity.client(params.get('client_id'));
  if (!client) {
    sendHtml(res, 400, 'AADSTS700016', `Application with identifier '${params.get('client_id') ?? ''}' was not found in the directory.`);
    return;
  }
  const redirectUri = params.get('redirect_uri');
  if (!redirectUri || !identity.allowsRedirect(client, redirectUri)) {
    sendHtml(res, 400, 'AADSTS50011', 'The redirect URI specified in the request does not match the redirect URIs configured for the application.');
    return;
  }
  const state = params.get('state');
  const back = (answer: Record<string, string>) => redirectWithAnswer(res, redirectUri, answer, state);
  if (params.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
  if ((params.get('response_mode') ?? 'query') !== 'query') {
    return back({ error: 'invalid_request', error_description: 'This fake answers with response_mode=query only.' });
  }
  const scopes = parseScopes(params.get('scope'));
  const unknown = scopes.find((scope) => !KNOWN_SCOPES.has(scope));
  if (scopes.length === 0 || unknown) return back({ error: 'invalid_scope', error_description: aad.badScope(unknown ?? '(none)').description });
  if (!state) return back({ error: 'invalid_request', error_description: 'state is required by this fake.' });
  const codeChallenge = params.get('code_challenge');
  if (!codeChallenge || params.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
    return back({ error: 'invalid_request', error_description: 'AADSTS9002325: Proof Key for Code Exchange (S256) is required by this fake.' });
  }
  const choice = nextChoice();
  if (choice === 'deny') {
    return back({ error: 'access_denied', error_subcode: 'cancel', error_description: 'AADSTS65004: User declined to consent to access the app.' });
  }
  const granted = choice === 'allow-without-files' ? scopes.filter((scope) => !FILE_SCOPES.has(scope)) : scopes;
  const code = identity.issueCode({ clientId: client.clientId, redirectUri, codeChallenge, scopes: granted, nonce: params.get('nonce') || null });
  const { oid, tid } = identity.account;
  back({
    code,
    ...(params.get('client_info') === '1' ? { client_info: Buffer.from(JSON.stringify({ uid: oid, utid: tid })).toString('base64url') } : {}),
  });
}

/**
 * POST /<tenant>/oauth2/v2.0/token for a public client: the
 * authorization_code grant (PKCE verified, codes single-use) and the
 * refresh_token grant (rotating). A public client that presents a secret is
 * refused, as the platform does.
 */
export async function handleToken(req: IncomingMessage, res: ServerResponse, identity: FakeIdentity): Promise<void> {
  if (!/^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) {
    req.resume();
    return sendAadError(res, 400, { error: 'invalid_request', code: 900144, description: "The request body must contain the following parameter: 'grant_type'." });
  }
  const form = await readForm(req);
  const clientId = form.get('client_id');
  if (!clientId) return sendAadError(res, 400, aad.missing('client_id'));
  const client = identity.client(clientId);
  if (!client) return sendAadError(res, 400, aad.clientNotFound(clientId));
  if (form.has('client_secret') || form.has('client_assertion') || /^Basic\s/i.test(req.headers.authorization ?? '')) {
    return sendAadError(res, 401, aad.publicClientSentSecret());
  }
  const scopes = parseScopes(form.get('scope'));
  const unknown = scopes.find((scope) => !KNOWN_SCOPES.has(scope));
  if (unknown) return sendAadError(res, 400, aad.badScope(unknown));
  const clientInfo = form.get('client_info') === '1';
  try {
    switch (form.get('grant_type')) {
      case 'authorization_code': {
        const code = form.get('code');
        if (!code) return sendAadError(res, 400, aad.missing('code'));
        const tokens = identity.redeemCode({ clientId, code, redirectUri: form.get('redirect_uri'), codeVerifier: form.get('code_verifier'), clientInfo });
        return sendJson(res, 200, tokens);
      }
      case 'refresh_token': {
        const refreshToken = form.get('refresh_token');
        if (!refreshToken) return sendAadError(res, 400, aad.missing('refresh_token'));
        return sendJson(res, 200, identity.refresh({ clientId, refreshToken, scopes, clientInfo }));
      }
      default:
        return sendAadError(res, 400, { error: 'unsupported_grant_type', code: 70003, description: 'The app requested an unsupported grant type.' });
    }
  } catch (error) {
    if (!(error instanceof AadRefusal)) throw error;
    sendAadError(res, 400, error.detail);
  }
}
