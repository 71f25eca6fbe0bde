import { extname } from 'node:path';

/**
 * The app page's Content-Security-Policy, the same for Electron and the browser
 * preview except where document bytes come from (`docuvault-content:` there, the
 * page's own origin here). Script and style only from the app's own origin — no
 * inline code, no eval; `'wasm-unsafe-eval'` allows compiling WebAssembly only,
 * which pdf.js needs to decode the JPEG 2000 and JBIG2 images scanners produce.
 * Nothing may frame the app, post forms or rebase URLs.
 */
export function appContentSecurityPolicy(contentSource: string): string {
  const directives: ReadonlyArray<readonly [string, string]> = [
    ['default-src', "'self'"],
    ['script-src', "'self' 'wasm-unsafe-eval'"],
    ['style-src', "'self'"],
    ['img-src', `'self' blob: data: ${contentSource}`],
    ['media-src', contentSource],
    ['font-src', "'self' data:"],
    ['connect-src', `'self' ${contentSource}`],
    ['worker-src', "'self' blob:"],
    ['frame-src', contentSource],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${[...new Set(value.split(' '))].join(' ')}`).join('; ');
}

/**
 * Types for what a Vite build of the renderer emits. Module scripts and workers
 * are refused by Chromium unless served as JavaScript, and with nosniff a wrong
 * type breaks a file rather than being guessed.
 */
const RENDERER_MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  // pdf.js's data, copied beside the app: character maps, standard fonts, colour profiles, messages.
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.icc': 'application/vnd.iccprofile',
  '.ftl': 'text/plain; charset=utf-8',
};

export function rendererMimeType(filePath: string): string {
  return RENDERER_MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
