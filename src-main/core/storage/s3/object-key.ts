import { AppError } from '../../errors';
import { ObjectNotFoundError } from '../storage-backend';

/**
 * Object keys are `<prefix>/<documentId>/<name>`: the document id makes every key
 * unique (two documents may share a name), and the readable name lets people
 * find their documents with the provider's own tools. Folder names are left out
 * on purpose so that renaming or moving a folder in the app costs nothing.
 */

/** Keeps room under the 1024-byte S3 key limit and the 255-byte file-name limit of file-backed servers. */
const MAX_NAME_BYTES = 200;
/** An extension longer than this is not worth keeping whole when a name must be shortened. */
const MAX_KEPT_EXTENSION_BYTES = 24;
const FALLBACK_NAME = 'document';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Control characters (C0, DEL, C1) break HTTP headers and listings; they are never meaningful in a name.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A document's display name made safe as the last segment of an S3 key: Unicode kept, separators and control characters not. */
export function sanitiseObjectName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(CONTROL_CHARACTERS, '')
    .replace(/[/\\]/g, '_')
    .trim();
  // "." and ".." would be read as directory steps by file-backed servers and by people's sync tools.
  const safe = cleaned === '' || /^\.+$/.test(cleaned) ? FALLBACK_NAME : cleaned;
  return limitBytes(safe, MAX_NAME_BYTES);
}

/** Shortens by whole graphemes (never splitting an emoji or accent), keeping a short extension. */
function limitBytes(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  const keepExtension = extension !== '' && Buffer.byteLength(extension) <= MAX_KEPT_EXTENSION_BYTES;
  const stem = keepExtension ? name.slice(0, dot) : name;
  const budget = maxBytes - (keepExtension ? Buffer.byteLength(extension) : 0);
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes.segment(stem)) {
    const bytes = Buffer.byteLength(segment);
    if (used + bytes > budget) break;
    kept += segment;
    used += bytes;
  }
  return (kept.trimEnd() || FALLBACK_NAME) + (keepExtension ? extension : '');
}

function checkDocumentId(documentId: string): string {
  if (typeof documentId !== 'string' || !UUID.test(documentId)) {
    throw new AppError('VALIDATION', 'The document identifier is not valid.');
  }
  return documentId.toLowerCase();
}

/** `<prefix>/<documentId>/` — everything one document may have on the server lives below it. */
export function documentKeyPrefix(prefix: string, documentId: string): string {
  const id = checkDocumentId(documentId);
  return prefix === '' ? `${id}/` : `${prefix}/${id}/`;
}

export function objectKeyFor(prefix: string, documentId: string, name: string): string {
  return documentKeyPrefix(prefix, documentId) + sanitiseObjectName(name);
}

/**
 * Keys come from our own rows, but a corrupted or forged key must never reach
 * objects outside this connection's prefix and document layout.
 */
export function checkOwnKey(prefix: string, key: string): string {
  if (typeof key !== 'string' || Buffer.byteLength(key) > 1024 || CONTROL_CHARACTER.test(key)) throw new ObjectNotFoundError();
  const rest = prefix === '' ? key : key.startsWith(`${prefix}/`) ? key.slice(prefix.length + 1) : null;
  if (rest === null) throw new ObjectNotFoundError();
  const slash = rest.indexOf('/');
  const id = rest.slice(0, slash);
  const name = rest.slice(slash + 1);
  if (slash < 0 || !UUID.test(id) || name === '' || name.includes('/') || /^\.+$/.test(name)) throw new ObjectNotFoundError();
  return key;
}
