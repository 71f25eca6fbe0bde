import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { APP_CONTENT_SECURITY_POLICY, injectBridgeScript } from './app-page';
import { BASE_HEADERS, sendText } from './http-responses';
import { rendererMimeType as mimeTypeFor } from '../ipc/app-page-policy';

const APP_PAGE_HEADERS: Readonly<Record<string, string>> = {
  ...BASE_HEADERS,
  'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
  'X-Frame-Options': 'DENY',
};

/**
 * Maps a URL path to a file inside `root`, or null. Encoded separators, NUL,
 * dot segments and anything that resolves (also through symlinks) outside the
 * root are refused, so no request can read beyond the built renderer.
 */
export async function resolveStaticPath(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return null;
  const candidate = resolve(root, ...segments);
  if (!isInside(root, candidate)) return null;
  try {
    const real = await realpath(candidate);
    if (!isInside(await realpath(root), real)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(resolve(root), candidate);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

const APP_PAGE_PATHS = new Set(['/', '/index.html']);

/** Serves the built renderer: the app page (with the bridge) and its hashed assets. */
export async function serveRendererFile(root: string, urlPath: string, res: ServerResponse, headOnly: boolean): Promise<void> {
  if (APP_PAGE_PATHS.has(urlPath)) {
    let html: string;
    try {
      // Read on every load, so a rebuilt renderer shows up without restarting the preview.
      html = await readFile(join(root, 'index.html'), 'utf8');
    } catch {
      sendText(res, 503, 'The renderer is not built yet. Run `npm run build:renderer`.');
      return;
    }
    const body = Buffer.from(injectBridgeScript(html), 'utf8');
    res.writeHead(200, {
      ...APP_PAGE_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(body.length),
      'Cache-Control': 'no-store',
    });
    res.end(headOnly ? undefined : body);
    return;
  }

  const filePath = await resolveStaticPath(root, urlPath);
  if (!filePath) {
    sendText(res, 404, 'Not found.');
    return;
  }
  const info = await stat(filePath);
  res.writeHead(200, {
    ...APP_PAGE_HEADERS,
    'Content-Type': mimeTypeFor(filePath),
    'Content-Length': String(info.size),
    // Vite fingerprints everything under assets/; other files may change between builds.
    'Cache-Control': urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (headOnly) {
    res.end();
    return;
  }
  await pipeline(createReadStream(filePath), res).catch(() => undefined);
}
