/** Characters OneDrive (personal and for Business) refuses in names, and control characters. */
// eslint-disable-next-line no-control-regex
const REFUSED_CHARACTERS = /["*:<>?/\\|\u0000-\u001f]/g;
/** Names Windows and OneDrive reserve, checked on the part before the first dot. */
const RESERVED_STEMS = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const RESERVED_NAMES = /^(\.lock|desktop\.ini)$/i;
/** Room for " (99)" and a long extension inside OneDrive's 255-character name limit. */
const MAX_NAME_LENGTH = 200;

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return text.slice(0, end);
}

/**
 * A document or folder name OneDrive accepts, as close to the person's as
 * possible: refused characters become `_`, leading spaces and trailing spaces
 * or dots go, reserved names get a `_` prefix, `~$` (Office lock files) and
 * `_vti_` are defused, and long names are shortened keeping the extension.
 * Only the name on OneDrive changes; DocuVault keeps showing the original.
 */
export function oneDriveName(name: string): string {
  let safe = name.replace(REFUSED_CHARACTERS, '_').replace(/^ +/, '').replace(/[. ]+$/, '');
  safe = safe.replace(/_vti_/gi, '_vti-');
  if (safe.startsWith('~$')) safe = `~_${safe.slice(2)}`;
  const dot = safe.indexOf('.');
  const stem = dot < 0 ? safe : safe.slice(0, dot);
  if (RESERVED_STEMS.test(stem) || RESERVED_NAMES.test(safe)) safe = `_${safe}`;
  if (safe.length > MAX_NAME_LENGTH) {
    const extension = /\.[^.]{1,16}$/.exec(safe)?.[0] ?? '';
    safe = `${cut(safe.slice(0, safe.length - extension.length), MAX_NAME_LENGTH - extension.length).replace(/[. ]+$/, '')}${extension}`;
  }
  return safe === '' ? 'Untitled' : safe;
}

/** "report.pdf" → "report (2).pdf": the name to try after `n - 1` clashes. */
export function numberedName(name: string, n: number): string {
  if (n <= 1) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}
