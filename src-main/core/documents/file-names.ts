/**
 * Document names come from people and from other machines. We keep what they
 * mean (Unicode, spaces, emoji) and drop what can hurt: control characters,
 * bidirectional overrides that disguise extensions, absurd lengths.
 * Names are never used to build paths inside the vault; exportFileName()
 * makes one safe to write on any desktop filesystem.
 */

const MAX_DISPLAY_LENGTH = 255;
const MAX_EXPORT_BYTES = 200;

// C0, DEL, C1 controls, and bidi embedding/override/isolate marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;
const WINDOWS_FORBIDDEN = /[<>:"/\\|?*]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Splits at the last dot, keeping dotfiles (".env") whole. */
export function splitExtension(name: string): { base: string; ext: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return { base: name, ext: '' };
  const ext = name.slice(dot);
  // An "extension" of 20 characters or with spaces is part of the name.
  if (ext.length > 20 || /\s/.test(ext)) return { base: name, ext: '' };
  return { base: name.slice(0, dot), ext };
}

function truncateCodePoints(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join('');
}

/** The name shown in the app: NFC, no control or bidi-override characters, at most 255 characters. */
export function normalizeDisplayName(raw: string, fallback = 'Untitled'): string {
  let name = raw.normalize('NFC').replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
  if (name.length === 0) return fallback;
  if (Array.from(name).length > MAX_DISPLAY_LENGTH) {
    const { base, ext } = splitExtension(name);
    name = truncateCodePoints(base, MAX_DISPLAY_LENGTH - Array.from(ext).length).trimEnd() + ext;
  }
  return name;
}

/** Case- and form-insensitive key used for sorting and uniqueness. */
export function nameKey(displayName: string): string {
  return displayName.normalize('NFKC').toLocaleLowerCase('en-US');
}

function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const point of text) {
    const size = encoder.encode(point).length;
    if (used + size > maxBytes) break;
    out += point;
    used += size;
  }
  return out;
}

/**
 * A file name safe on Windows, macOS and Linux: no separators, no characters
 * Windows forbids, no reserved device names, no trailing dots or spaces,
 * at most 200 UTF-8 bytes, extension kept.
 */
export function exportFileName(displayName: string): string {
  let name = normalizeDisplayName(displayName, 'document').replace(WINDOWS_FORBIDDEN, '_');
  // A leading dot hides the file on macOS/Linux; trailing dots and spaces vanish on Windows.
  name = name.replace(/^[.\s]+/, '_').replace(/[.\s]+$/, '');
  if (/^[_.\s]*$/.test(name)) name = 'document';
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  const { base, ext } = splitExtension(name);
  const extBytes = new TextEncoder().encode(ext).length;
  const truncated = truncateUtf8(base, MAX_EXPORT_BYTES - extBytes);
  // Truncation can leave a trailing dot or space that Windows would silently drop.
  const safeBase = (ext ? truncated : truncated.replace(/[.\s]+$/, '')) || 'document';
  return safeBase + ext;
}

/** "report.pdf" → "report (2).pdf": the name to try when `name` is taken. */
export function numberedName(displayName: string, n: number): string {
  const { base, ext } = splitExtension(displayName);
  const suffix = ` (${n})`;
  const room = MAX_DISPLAY_LENGTH - Array.from(ext).length - suffix.length;
  return truncateCodePoints(base, room).trimEnd() + suffix + ext;
}
