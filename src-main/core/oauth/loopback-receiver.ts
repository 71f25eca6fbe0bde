import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackReceiver {
  /** http://127.0.0.1:<port>/callback — give this to the provider as redirect_uri. */
  readonly redirectUri: string;
  /** Resolves with the callback's query parameters, once. */
  readonly callback: Promise<URLSearchParams>;
  close(): Promise<void>;
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
  `<style>body{font:16px system-ui,sans-serif;display:grid;place-items:center;height:90vh;color:#222}` +
  `@media(prefers-color-scheme:dark){body{background:#1e1e1e;color:#eee}}</style>` +
  `<main><h1>${title}</h1><p>${text}</p></main>`;

/**
 * A one-shot HTTP server on 127.0.0.1 with an ephemeral port (RFC 8252 §7.3):
 * Google's desktop clients may only redirect to loopback. It accepts exactly one
 * request on /callback, answers the browser with a small page, and shuts down.
 */
export interface LoopbackReceiverOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /**
   * Whether a callback belongs to the sign-in this receiver waits for (its state).
   * Anything else is refused with a page of its own and does not end the wait, so
   * a forged request to the port cannot cut a genuine sign-in short.
   */
  readonly accepts?: (params: URLSearchParams) => boolean;
  /** Told about each refused callback, so the app can say so. */
  readonly onRefused?: (params: URLSearchParams) => void;
}

export async function startLoopbackReceiver(options: LoopbackReceiverOptions = {}): Promise<LoopbackReceiver> {
  let resolveCallback!: (params: URLSearchParams) => void;
  let rejectCallback!: (error: Error) => void;
  const callback = new Promise<URLSearchParams>((resolve, reject) => {
    resolveCallback = resolve;
    rejectCallback = reject;
  });
  // Callers attach their handler later; never let an early timeout become an unhandled rejection.
  callback.catch(() => undefined);
  let settled = false;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/callback' || settled) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    if (options.accepts && !options.accepts(url.searchParams)) {
      res
        .writeHead(400, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'Cache-Control': 'no-store' })
        .end(PAGE('Sign-in not recognised', 'This response does not belong to a sign-in DocuVault is waiting for. Nothing was connected.'));
      options.onRefused?.(url.searchParams);
      return;
    }
    settled = true;
    const failed = url.searchParams.has('error') || !url.searchParams.has('code');
    res
      .writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        'Cache-Control': 'no-store',
        Connection: 'close',
      })
      .end(
        failed
          ? PAGE('Sign-in was not completed', 'You can close this tab and try again from DocuVault.')
          : PAGE('Sign-in received', 'You can close this tab and return to DocuVault, which finishes connecting.'),
      );
    resolveCallback(url.searchParams);
    void close();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const timer = setTimeout(() => {
    if (!settled) rejectCallback(new Error('sign-in timed out'));
    void close();
  }, options.timeoutMs ?? 10 * 60 * 1000);
  timer.unref();
  const onAbort = () => {
    if (!settled) rejectCallback(new Error('sign-in cancelled'));
    void close();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let closing: Promise<void> | null = null;
  function close(): Promise<void> {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    });
    return closing;
  }
  return { redirectUri: `http://127.0.0.1:${port}/callback`, callback, close };
}
