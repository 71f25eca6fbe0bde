/**
 * Removes secrets from what is about to be logged. Logs are read by people
 * helping with a problem and attached to bug reports, so anything that could
 * sign a request or open an account is replaced before it reaches the file.
 */
export const REDACTED = '[redacted]';

/** Field names whose values are secrets whatever they look like. `code` alone is not here: it names error codes in our logs. */
const SECRET_FIELD = /pass(word|wd|phrase)?$|secret|token|authori[sz]ation|^auth$|cookie|api[-_]?key|access[-_]?key|credential|signature|private[-_]?key|verifier|^tempauth$/i;

/** Query parameters that carry credentials: OAuth, presigned S3/GCS URLs, OneDrive pre-authenticated URLs. */
const SECRET_QUERY_PARAM =
  /^(x-amz-(signature|credential|security-token)|x-goog-(signature|credential)|signature|sig|token|access_token|refresh_token|id_token|code|code_verifier|state|client_secret|password|pass|pwd|tempauth|key|api_?key|auth|session_?token)$/i;

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
const AUTH_SCHEME = /\b(Bearer|Basic|Digest|Negotiate|NTLM)\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_HEADER = /\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-auth-token|ocs-apirequest-token)(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\r\n"'}]+)/gi;
const SECRET_ASSIGNMENT =
  /\b(access_token|refresh_token|id_token|client_secret|password|app_?password|apppassword|secret_?access_?key|session_?token|code_verifier)(["']?\s*[:=]\s*["']?)([^"'&\s,}]+)/gi;
/** Three base64url parts starting with `{"`: a JSON Web Token. */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  let changed = false;
  const hadUserInfo = url.username !== '' || url.password !== '';
  if (hadUserInfo) {
    url.username = '';
    url.password = '';
    changed = true;
  }
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_QUERY_PARAM.test(name) || SECRET_FIELD.test(name)) {
      url.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  if (!changed) return text;
  // URLSearchParams percent-encodes the brackets; the marker should stay readable.
  const redacted = url.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED);
  return hadUserInfo ? redacted.replace('://', `://${REDACTED}@`) : redacted;
}

/** A string with every recognisable secret replaced by `[redacted]`. */
export function redactText(text: string): string {
  return text
    .replace(URL_IN_TEXT, (match) => redactUrl(match))
    .replace(SECRET_HEADER, (_match, name: string, separator: string, value: string) => {
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
      return `${name}${separator}${quote}${REDACTED}${quote}`;
    })
    .replace(AUTH_SCHEME, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(SECRET_ASSIGNMENT, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`)
    .replace(JWT, REDACTED);
}

const MAX_DEPTH = 6;

/**
 * A copy of a log field value that is safe to write: secrets under secret-
 * sounding keys are replaced whole, strings are scrubbed, errors keep their
 * name and message, buffers their size, and cycles end.
 */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function' ? String(value) : value;
  }
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof URL) return redactText(value.toString());
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  const entries = value instanceof Map ? [...value.entries()].map(([k, v]) => [String(k), v] as const) : Object.entries(value);
  const result: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    result[key] = SECRET_FIELD.test(key) && item !== null && item !== undefined && item !== '' ? REDACTED : redact(item, depth + 1, seen);
  }
  return result;
}
