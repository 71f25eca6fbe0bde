import type { StorageBackendKind } from '../../src-shared/domain';

const BYTE_UNITS = ['KB', 'MB', 'GB', 'TB', 'PB'] as const;
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Decimal units, as Finder and Files show them: 1,234,567 bytes → "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1000) return `${Math.max(0, Math.round(bytes || 0))} B`;
  let value = bytes;
  let unit = 0;
  do {
    value /= 1000;
    unit++;
  } while (value >= 999.95 && unit < BYTE_UNITS.length);
  const formatted = value >= 100 ? Math.round(value).toString() : oneDecimal.format(value);
  return `${formatted} ${BYTE_UNITS[unit - 1]}`;
}

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Today's documents show their time, older ones their date. */
export function formatAdded(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  if (date.toDateString() === now.toDateString()) return `Today, ${timeOnly.format(date)}`;
  return dateOnly.format(date);
}

export function formatFullDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateAndTime.format(date);
}

const KNOWN_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'application/zip': 'ZIP archive',
  'application/json': 'JSON',
  'application/xml': 'XML',
  'application/rtf': 'Rich text',
  'application/msword': 'Word document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.ms-excel': 'Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'application/vnd.ms-powerpoint': 'PowerPoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument sheet',
  'application/octet-stream': 'Binary file',
  'text/plain': 'Plain text',
  'text/csv': 'CSV',
  'text/markdown': 'Markdown',
  'text/html': 'HTML',
  'image/svg+xml': 'SVG image',
};

/** A short, human name for a content type: "PDF", "PNG image", "Word document". */
export function describeType(contentType: string): string {
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const known = KNOWN_TYPES[essence];
  if (known) return known;
  const [top, sub = ''] = essence.split('/');
  const short = sub.replace(/^(x-|vnd\.)/, '').split(/[.+]/)[0]?.toUpperCase() ?? '';
  if (top === 'image') return `${short} image`;
  if (top === 'video') return `${short} video`;
  if (top === 'audio') return `${short} audio`;
  if (top === 'text') return `${short || 'Plain'} text`;
  return short || 'File';
}

const BACKEND_LABELS: Readonly<Record<StorageBackendKind, string>> = {
  local: 'Local vault',
  s3: 'S3',
  google_drive: 'Google Drive',
  onedrive: 'OneDrive',
  nextcloud: 'Nextcloud',
  webdav: 'WebDAV',
};

export function backendLabel(kind: StorageBackendKind): string {
  return BACKEND_LABELS[kind] ?? kind;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
