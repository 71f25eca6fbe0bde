import { AppError } from '../../errors';

/** A path below the DAV base as decoded name segments, e.g. ['DocuVault', 'Taxes', 'report.pdf']. */
export type DavPath = readonly string[];

const MAX_SEGMENT_BYTES = 200;
const MAX_EXTENSION_CHARS = 16;
/** Names some servers refuse outright (Apache and Nextcloud guard these). */
const RESERVED = new Set(['.htaccess', '.user.ini']);

/**
 * Validates and normalises a server base URL: http(s) only, no embedded
 * credentials (they would end up in logs), no query or fragment, and a
 * trailing slash so relative paths land below it.
 */
export function normalizeBaseUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new AppError('VALIDATION', 'Enter the server address as a full URL, for example https://cloud.example.com.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('VALIDATION', 'The server address must start with http:// or https://.');
  }
  if (url.username || url.password) {
    throw new AppError('VALIDATION', 'Put the user name and password in their own fields, not in the server address.');
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** The URL of a path below `base`; collections get a trailing slash (some servers redirect without it). */
export function davUrl(base: URL, path: DavPath, collection = false): URL {
  const encoded = path.map((segment) => encodeURIComponent(segment)).join('/');
  return new URL(base.href + encoded + (collection && path.length > 0 ? '/' : ''));
}

/**
 * Makes a display name safe as one path segment while keeping it readable:
 * separators and control characters become '_', surrounding blanks go,
 * '.'/'..'/empty become '_', and very long names are shortened keeping the
 * extension. NFC so the same name typed on macOS and Windows is one name.
 */
export function sanitizeSegment(name: string): string {
  let clean = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
    .replace(/[/\\\u0000-\u001f\u007f]/g, '_')
    .trim();
  if (clean === '' || clean === '.' || clean === '..') clean = '_';
  if (RESERVED.has(clean.toLowerCase())) clean = `_${clean}`;
  return truncateUtf8(clean, MAX_SEGMENT_BYTES);
}

function truncateUtf8(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const { stem, extension } = splitExtension(name);
  const room = maxBytes - Buffer.byteLength(extension);
  let shortened = '';
  for (const char of stem) {
    if (Buffer.byteLength(shortened + char) > room) break;
    shortened += char;
  }
  return shortened + extension;
}

function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.length - dot > MAX_EXTENSION_CHARS || /\s/.test(name.slice(dot))) return { stem: name, extension: '' };
  return { stem: name.slice(0, dot), extension: name.slice(dot) };
}

/** "report.pdf", 2 → "report (2).pdf": how people's own file managers name a clash. */
export function withSuffix(name: string, n: number): string {
  if (n <= 1) return name;
  const { stem, extension } = splitExtension(name);
  return `${stem} (${n})${extension}`;
}

/** Whether `candidate` is `name` or one of its numbered variants ("name (3).ext"). */
export function isNumberedVariant(candidate: string, name: string): boolean {
  if (candidate === name) return true;
  const { stem, extension } = splitExtension(name);
  if (!candidate.startsWith(`${stem} (`) || !candidate.endsWith(`)${extension}`)) return false;
  const middle = candidate.slice(stem.length + 2, candidate.length - extension.length - 1);
  return /^[1-9]\d{0,5}$/.test(middle);
}

/** The key stored on the document row: the path relative to the DAV base, '/'-joined and readable. */
export function formatKey(path: DavPath): string {
  return path.join('/');
}

/**
 * Reads a stored key back, refusing anything outside DocuVault's root folder
 * or with dot segments: a forged or corrupted key must never reach (or
 * delete) the person's other files on the server.
 */
export function parseKey(key: string, rootFolder: string): DavPath | null {
  if (typeof key !== 'string' || key.length === 0 || key.length > 4096) return null;
  const segments = key.split('/');
  if (segments[0] !== rootFolder || segments.length < 2) return null;
  for (const segment of segments) {
    // eslint-disable-next-line no-control-regex -- a key with control characters was not written by DocuVault
    if (segment === '' || segment === '.' || segment === '..' || /[\\\u0000-\u001f\u007f]/.test(segment)) return null;
  }
  return segments;
}

export function sameFolder(a: DavPath, b: DavPath): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}
