import { request } from 'node:http';

export interface BrowserVisit {
  /** Every URL loaded, the authorization URL first. */
  readonly urls: string[];
  /** Status of the last page (the loopback receiver's, after a redirect). */
  readonly finalStatus: number;
  readonly finalBody: string;
}

/**
 * What the system browser does with an authorization URL when the person is
 * signed in and clicks "Allow": load it and follow redirects (here to the
 * app's loopback receiver). Plain http only: the Google fake and the
 * loopback receiver both speak it.
 */
export async function visitInBrowser(startUrl: string, maxRedirects = 5): Promise<BrowserVisit> {
  const urls: string[] = [];
  let current = startUrl;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    urls.push(current);
    const page = await load(current);
    if (page.status >= 300 && page.status < 400 && page.location) {
      current = new URL(page.location, current).toString();
      continue;
    }
    return { urls, finalStatus: page.status, finalBody: page.body };
  }
  throw new Error(`more than ${maxRedirects} redirects`);
}

function load(url: string): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: { Accept: 'text/html', Connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
