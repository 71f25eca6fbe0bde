import { fileTypeFromBuffer } from 'file-type';
import { splitExtension } from './file-names';

/** Bytes the sniffer needs from the start of a file. */
export const SNIFF_BYTES = 4100;

const TEXT_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.log': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.svg': 'image/svg+xml',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.ics': 'text/calendar',
  '.vcf': 'text/vcard',
  '.rtf': 'application/rtf',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
};

/** Looks like text: no NUL bytes and valid UTF-8 in the sample (a cut multi-byte tail is fine). */
function looksLikeText(sample: Uint8Array): boolean {
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, trimIncompleteUtf8(sample)));
    return true;
  } catch {
    return false;
  }
}

function trimIncompleteUtf8(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const byte = bytes[end - i]!;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i < need ? end - i : end;
  }
  return end;
}

/**
 * The content type, from the bytes first and the extension second.
 * A ".pdf" that is really a ZIP is a ZIP; a ".txt" with binary bytes is binary.
 */
export async function detectContentType(sample: Uint8Array, displayName: string): Promise<string> {
  const sniffed = sample.length > 0 ? await fileTypeFromBuffer(sample) : undefined;
  const ext = splitExtension(displayName).ext.toLowerCase();
  if (sniffed) {
    // file-type reports XML-based formats (SVG) as generic XML; the extension refines that.
    if (sniffed.mime === 'application/xml' && TEXT_TYPES[ext]) return TEXT_TYPES[ext];
    return sniffed.mime;
  }
  if (sample.length === 0) return TEXT_TYPES[ext] ?? 'application/octet-stream';
  if (looksLikeText(sample)) return TEXT_TYPES[ext] ?? 'text/plain';
  return 'application/octet-stream';
}
