import { CONTENT_SCHEME } from './schemes';

/**
 * The app page's Content-Security-Policy. Script and style only from the app's
 * own origin (no inline code, no eval); document bytes only from the content
 * scheme, in the element kinds that display them; nothing may frame the app,
 * post forms or rebase URLs.
 */
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', `'self' blob: data: ${CONTENT_SCHEME}:`],
  ['media-src', `${CONTENT_SCHEME}:`],
  ['font-src', "'self' data:"],
  ['connect-src', `'self' ${CONTENT_SCHEME}:`],
  ['worker-src', "'self' blob:"],
  ['frame-src', `${CONTENT_SCHEME}:`],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const APP_CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');
