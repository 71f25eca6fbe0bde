import type { IncomingMessage, ServerResponse } from 'node:http';
import { readForm } from '../shared/http-io';
import { TokenRefusal, type FakeIdentity } from './fake-identity';
import { sendJson } from './http-io';

/** Client credentials from the form (client_secret_post) or an HTTP Basic header (client_secret_basic). */
function clientCredentials(req: IncomingMessage, form: URLSearchParams): { id: string | null; secret: string | null } {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
  }
  return { id: form.get('client_id'), secret: form.get('client_secret') };
}

/**
 * POST /token (oauth2.googleapis.com): the authorization_code grant with PKCE
 * verification and the refresh_token grant. Errors are Google's JSON
 * (`{error, error_description}`), 400 for grants and 401 for clients.
 */
export async function handleToken(req: IncomingMessage, res: ServerResponse, identity: FakeIdentity): Promise<void> {
  if (!/^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' });
    return;
  }
  const form = await readForm(req);
  const credentials = clientCredentials(req, form);
  const client = identity.client(credentials.id);
  if (!client) {
    sendJson(res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    return;
  }
  // Desktop clients must still send their (non-confidential) secret.
  if (!credentials.secret) {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'client_secret is missing.' });
    return;
  }
  if (credentials.secret !== client.clientSecret) {
    sendJson(res, 401, { error: 'invalid_client', error_description: 'Unauthorized' });
    return;
  }
  try {
    switch (form.get('grant_type')) {
      case 'authorization_code': {
        const code = form.get('code');
        if (!code) throw new TokenRefusal('invalid_request', 'Missing required parameter: code');
        sendJson(
          res,
          200,
          identity.redeemCode({
            clientId: client.clientId,
            code,
            redirectUri: form.get('redirect_uri'),
            codeVerifier: form.get('code_verifier'),
          }),
        );
        return;
      }
      case 'refresh_token': {
        const refreshToken = form.get('refresh_token');
        if (!refreshToken) throw new TokenRefusal('invalid_request', 'Missing required parameter: refresh_token');
        sendJson(res, 200, identity.refresh({ clientId: client.clientId, refreshToken }));
        return;
      }
      default:
        sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type' });
    }
  } catch (error) {
    if (!(error instanceof TokenRefusal)) throw error;
    sendJson(res, 400, { error: error.error, error_description: error.description });
  }
}
