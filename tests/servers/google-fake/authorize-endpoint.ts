import type { IncomingMessage, ServerResponse } from 'node:http';
import { redirectWithAnswer, sendHtml } from '../shared/http-io';
import { DRIVE_FILE_SCOPE, DRIVE_SCOPE, type FakeIdentity } from './fake-identity';

/** What the person does on the next consent screen. */
export type ConsentChoice =
  | 'allow'
  | 'deny'
  /** Google's granular consent: the person leaves the Drive checkbox unticked. */
  | 'allow-without-drive';

const KNOWN_SCOPES = new Set([DRIVE_FILE_SCOPE, DRIVE_SCOPE, 'openid', 'email', 'profile']);

/** Desktop clients may redirect only to loopback, on any port (RFC 8252 §7.3). */
function isLoopbackRedirect(value: string | null): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname) && url.port !== '' && !url.hash;
  } catch {
    return false;
  }
}

/**
 * GET /o/oauth2/v2/auth, as a person who is signed in and clicks "Allow":
 * answers 302 to the redirect URI with `code` and `state` (or `error`).
 * Like Google, a bad client or redirect URI gets an error page and no redirect
 * (redirecting would hand the error to whoever forged the URL); other problems
 * go back to the redirect URI as `error=…`. Stricter than Google: PKCE S256
 * and `state` are required, because DocuVault must always send them.
 */
export function handleAuthorize(
  req: IncomingMessage,
  res: ServerResponse,
  identity: FakeIdentity,
  nextChoice: () => ConsentChoice,
): void {
  const params = new URL(req.url ?? '/', 'http://fake').searchParams;
  const clientId = params.get('client_id');
  if (!identity.client(clientId)) {
    sendHtml(res, 401, 'Error 401: invalid_client', 'The OAuth client was not found.');
    return;
  }
  const redirectUri = params.get('redirect_uri');
  if (!isLoopbackRedirect(redirectUri)) {
    sendHtml(res, 400, 'Error 400: redirect_uri_mismatch', 'Desktop clients may only redirect to a loopback address.');
    return;
  }
  const state = params.get('state');
  const back = (answer: Record<string, string>) => redirectWithAnswer(res, redirectUri, answer, state);
  if (params.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
  const scopes = (params.get('scope') ?? '').split(' ').filter(Boolean);
  if (scopes.length === 0) return back({ error: 'invalid_request', error_description: 'Missing required parameter: scope' });
  if (scopes.some((scope) => !KNOWN_SCOPES.has(scope))) return back({ error: 'invalid_scope' });
  if (!state) return back({ error: 'invalid_request', error_description: 'state is required by this fake' });
  const codeChallenge = params.get('code_challenge');
  if (!codeChallenge || params.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
    return back({ error: 'invalid_request', error_description: 'code_challenge with code_challenge_method=S256 is required' });
  }
  const accessType = params.get('access_type') ?? 'online';
  if (accessType !== 'online' && accessType !== 'offline') return back({ error: 'invalid_request' });
  const prompts = (params.get('prompt') ?? '').split(' ').filter(Boolean);
  const choice = nextChoice();
  if (choice === 'deny') return back({ error: 'access_denied' });
  const granted = choice === 'allow-without-drive' ? scopes.filter((scope) => scope !== DRIVE_FILE_SCOPE && scope !== DRIVE_SCOPE) : scopes;
  const code = identity.issueCode({
    clientId: clientId!,
    redirectUri,
    codeChallenge,
    scopes: granted,
    offline: accessType === 'offline',
    promptConsent: prompts.includes('consent'),
  });
  back({ code, scope: granted.join(' ') });
}
