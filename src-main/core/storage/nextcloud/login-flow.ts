import type http from 'node:http';
import type https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, isAbortError } from '../../errors';
import { isRetryableStatus, isTransientNetworkError } from '../../net/retry';
import { normalizeBaseUrl } from '../webdav/dav-paths';
import { toDavAppError } from '../webdav/dav-status';
import { discard, DavTransport, readText, type DavResponse } from '../webdav/dav-transport';

/** Login Flow v2, started: open `loginUrl` in the system browser, then poll. */
export interface LoginFlow {
  readonly loginUrl: string;
  readonly poll: { readonly token: string; readonly endpoint: string };
}

/** What the server hands over once the person has approved DocuVault. */
export interface LoginFlowCredentials {
  readonly server: string;
  readonly loginName: string;
  readonly appPassword: string;
}

export interface LoginFlowNetwork {
  /** Agents from the URL policy; used as given. */
  readonly httpAgent?: http.Agent;
  readonly httpsAgent?: https.Agent;
  /** Nextcloud names the app password after the User-Agent. */
  readonly userAgent?: string;
  readonly signal?: AbortSignal;
}

export interface PollOptions extends LoginFlowNetwork {
  /** Wait between polls (default 2 s). */
  readonly intervalMs?: number;
  /** Give up after this long (default 20 minutes, the lifetime of a flow on the server). */
  readonly timeoutMs?: number;
}

const JSON_LIMIT = 64 * 1024;
const DEFAULT_USER_AGENT = 'DocuVault (desktop)';

/** Anonymous POST to `/index.php/login/v2`. */
export async function startLoginFlow(serverUrl: string, network: LoginFlowNetwork = {}): Promise<LoginFlow> {
  const server = normalizeBaseUrl(serverUrl);
  const transport = anonymousTransport(network);
  try {
    const response = await transport.send({
      method: 'POST',
      url: new URL('index.php/login/v2', server),
      headers: { Accept: 'application/json' },
      body: '',
      ...(network.signal ? { signal: network.signal } : {}),
    });
    const json = (await readJson(response)) as { login?: unknown; poll?: { token?: unknown; endpoint?: unknown } } | null;
    const loginUrl = httpUrl(json?.login);
    const endpoint = httpUrl(json?.poll?.endpoint);
    const token = json?.poll?.token;
    if (!loginUrl || !endpoint || typeof token !== 'string' || token.length === 0) throw notNextcloud();
    // The token is a credential-to-be: it may only ever go back to the server the person chose.
    if (endpoint.origin !== server.origin) {
      throw new AppError('BACKEND_UNAVAILABLE', 'The server asked DocuVault to sign in somewhere else. Check the server address.');
    }
    return { loginUrl: loginUrl.href, poll: { token, endpoint: endpoint.href } };
  } catch (error) {
    throw flowError(error, network.signal);
  } finally {
    transport.close();
  }
}

/**
 * Polls until the person approves in the browser (the server answers 404
 * until then), and returns the app password, which the server hands out
 * exactly once. Cancel with `signal`; gives up after `timeoutMs`.
 */
export async function pollLoginFlow(poll: LoginFlow['poll'], options: PollOptions = {}): Promise<LoginFlowCredentials> {
  const endpoint = httpUrl(poll.endpoint);
  if (!endpoint) throw new AppError('VALIDATION', 'The sign-in cannot continue: its address is not valid.');
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 20 * 60_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const transport = anonymousTransport(options);
  try {
    for (;;) {
      const credentials = await pollOnce(transport, endpoint, poll.token, signal);
      if (credentials) return credentials;
      await sleep(options.intervalMs ?? 2000, undefined, { signal });
    }
  } catch (error) {
    throw flowError(error, options.signal, timeout);
  } finally {
    transport.close();
  }
}

/** One poll: credentials once approved, null while waiting (and on passing trouble worth waiting out). */
async function pollOnce(transport: DavTransport, endpoint: URL, token: string, signal: AbortSignal): Promise<LoginFlowCredentials | null> {
  let response: DavResponse;
  try {
    response = await transport.send({
      method: 'POST',
      url: endpoint,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ token }).toString(),
      signal,
    });
  } catch (error) {
    if (!isAbortError(error) && isTransientNetworkError(error)) return null;
    throw error;
  }
  if (response.status === 404 || isRetryableStatus(response.status)) {
    discard(response);
    return null;
  }
  const json = (await readJson(response)) as Record<string, unknown> | null;
  const server = httpUrl(json?.['server']);
  const loginName = json?.['loginName'];
  const appPassword = json?.['appPassword'];
  if (!server || typeof loginName !== 'string' || !loginName || typeof appPassword !== 'string' || !appPassword) {
    throw notNextcloud();
  }
  return { server: server.href, loginName, appPassword };
}

function anonymousTransport(network: LoginFlowNetwork): DavTransport {
  return new DavTransport({
    credentials: null,
    userAgent: network.userAgent ?? DEFAULT_USER_AGENT,
    ...(network.httpAgent ? { httpAgent: network.httpAgent } : {}),
    ...(network.httpsAgent ? { httpsAgent: network.httpsAgent } : {}),
  });
}

/** A 200 JSON body, or a typed error; the body's text never goes into an error (it may hold the app password). */
async function readJson(response: DavResponse): Promise<unknown> {
  if (response.status !== 200) {
    discard(response);
    throw notNextcloud();
  }
  try {
    return JSON.parse(await readText(response, JSON_LIMIT));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notNextcloud();
  }
}

function httpUrl(value: unknown): URL | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

function notNextcloud(): AppError {
  return new AppError(
    'BACKEND_UNAVAILABLE',
    'The server did not answer like a Nextcloud server (Login Flow v2 needs Nextcloud 16 or later). Check the server address.',
  );
}

function flowError(error: unknown, cancel: AbortSignal | undefined, timeout?: AbortSignal): AppError {
  if (cancel?.aborted) return new AppError('CANCELLED', 'The Nextcloud sign-in was cancelled.', { cause: error });
  if (timeout?.aborted) {
    return new AppError('CANCELLED', 'The Nextcloud sign-in was not finished in time. Start again when you are ready.', { cause: error });
  }
  return toDavAppError(error, 'sign-in');
}
