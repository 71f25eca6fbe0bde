import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface BrowserVisit {
  /** Every http(s) URL loaded, the authorization URL first. */
  readonly urls: string[];
  /**
   * Where the browser was finally sent when that is the app's own scheme
   * (`docuvault://oauth/microsoft?code=…&state=…`): the browser cannot load it,
   * the operating system hands it to the app. Null for a loopback redirect.
   */
  readonly appLink: string | null;
  /** Status and body of the last page loaded (the loopback receiver's, or an error page). */
  readonly finalStatus: number;
  readonly finalBody: string;
}

/**
 * What the system browser does with an authorization URL when the person is
 * signed in and clicks "Accept": load it (over TLS, trusting `ca`) and follow
 * redirects — on to the app's loopback receiver, or, for a custom-scheme
 * redirect, stop and hand the link over (`appLink`), as the OS would pass it
 * to the app's deep-link handler.
 */
export async function visitInBrowser(startUrl: string, options: { ca: string; maxRedirects?: number }): Promise<BrowserVisit> {
  const urls: string[] = [];
  let current = startUrl;
  let last = { status: 0, body: '' };
  for (let hop = 0; hop <= (options.maxRedirects ?? 5); hop++) {
    const protocol = new URL(current).protocol;
    if (protocol !== 'http:' && protocol !== 'https:') return { urls, appLink: current, finalStatus: last.status, finalBody: last.body };
    urls.push(current);
    const page = await load(current, options.ca);
    last = page;
    if (page.status >= 300 && page.status < 400 && page.location) {
      current = new URL(page.location, current).toString();
      continue;
    }
    return { urls, appLink: null, finalStatus: page.status, finalBody: page.body };
  }
  throw new Error('too many redirects');
}

function load(url: string, ca: string): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const secure = url.startsWith('https:');
    const headers = { Accept: 'text/html', Connection: 'close' };
    const onResponse = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    };
    const req = secure ? httpsRequest(url, { method: 'GET', headers, ca }, onResponse) : httpRequest(url, { method: 'GET', headers }, onResponse);
    req.on('error', reject);
    req.end();
  });
}
