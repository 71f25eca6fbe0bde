import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';
import { protocol } from 'electron';
import type { Logger } from '../core/ports';
import { APP_CONTENT_SECURITY_POLICY } from './content-security-policy';
import { rendererMimeType as mimeTypeFor } from '../ipc/app-page-policy';
import { APP_HOST, APP_SCHEME } from './schemes';

const INDEX = 'index.html';

/**
 * Every response carries the CSP, not only HTML: a dedicated worker (pdf.js)
 * takes its policy from its own script's response.
 */
const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
}

/**
 * The path segments a URL names inside the renderer build, or null when it
 * names something we never serve: another host, `.`/`..` (also percent-encoded),
 * encoded separators, NUL, drive letters, or dot-files.
 */
export function appPathSegments(url: string): string[] | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  const segments: string[] = [];
  for (const raw of parsed.pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment.startsWith('.') || /[\\/:\0]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments.length === 0 ? [INDEX] : segments;
}

async function isFileInside(rootDir: string, candidate: string): Promise<boolean> {
  try {
    // realpath so a symlink inside the build cannot lead out of it.
    const [root, file] = await Promise.all([realpath(rootDir), realpath(candidate)]);
    const rel = relative(root, file);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Serves the renderer build (`dist/renderer`) on `app://docuvault/…`. */
export function createAppRequestHandler(rootDir: string, logger: Logger): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    const segments = appPathSegments(request.url);
    if (!segments) {
      logger.log('warn', 'app protocol refused a path', { path: new URL(request.url).pathname.slice(0, 200) });
      return plain(404, 'Not found');
    }
    let file = join(rootDir, ...segments);
    if (!(await isFileInside(rootDir, file))) {
      // An extension-less path that names no file is a client-side route: the page handles it.
      if (extname(file) !== '' || !(await isFileInside(rootDir, join(rootDir, INDEX)))) return plain(404, 'Not found');
      file = join(rootDir, INDEX);
    }
    try {
      const body = await readFile(file);
      const headers = { ...COMMON_HEADERS, 'Content-Type': mimeTypeFor(file), 'Content-Length': String(body.byteLength) };
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
    } catch (error) {
      logger.log('error', 'app protocol could not read a file', { error: error instanceof Error ? error.message : String(error) });
      return plain(500, 'Could not read the file');
    }
  };
}

export function registerAppProtocol(rootDir: string, logger: Logger): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir, logger));
}
