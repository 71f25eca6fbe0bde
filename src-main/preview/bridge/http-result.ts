import { fail, type Result } from '../../../src-shared/result';

const UNREACHABLE = 'The DocuVault preview server is not reachable. Is `npm run preview` still running?';
const SESSION_LOST = 'This preview session is no longer valid. Open the address printed by `npm run preview` again.';

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const envelope = value as { ok: unknown; value?: unknown; error?: unknown };
  if (envelope.ok === true) return 'value' in envelope;
  return envelope.ok === false && typeof envelope.error === 'object' && envelope.error !== null;
}

/** One HTTP call to the preview server, answered as a Result whatever happens on the way. */
export async function requestResult<T>(url: string, init: RequestInit): Promise<Result<T>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return fail('BACKEND_UNAVAILABLE', UNREACHABLE);
  }
  const body: unknown = await response.json().catch(() => null);
  if (isResult(body)) return body as Result<T>;
  if (response.status === 401 || response.status === 403) return fail('UNSUPPORTED', SESSION_LOST);
  return fail('INTERNAL', 'The preview server answered unexpectedly.');
}

export function postJson<T>(url: string, body: unknown): Promise<Result<T>> {
  return requestResult<T>(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}) });
}
