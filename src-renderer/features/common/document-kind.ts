export type DocumentKind = 'pdf' | 'image' | 'text' | 'other';

/** Images a Chromium <img> shows natively; anything else is offered as a copy to save. */
const PREVIEWABLE_IMAGES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/svg+xml',
  'image/x-icon',
  'image/vnd.microsoft.icon',
]);

const TEXT_LIKE = new Set([
  'application/json',
  'application/xml',
  'application/javascript',
  'application/x-sh',
  'application/x-yaml',
  'application/yaml',
  'application/toml',
  'application/sql',
]);

export function documentKind(contentType: string): DocumentKind {
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (essence === 'application/pdf') return 'pdf';
  if (PREVIEWABLE_IMAGES.has(essence)) return 'image';
  if (essence.startsWith('text/') || TEXT_LIKE.has(essence) || essence.endsWith('+json') || essence.endsWith('+xml')) {
    return 'text';
  }
  return 'other';
}
