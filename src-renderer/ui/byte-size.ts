export type ParsedByteSize = { readonly ok: true; readonly bytes: number | null } | { readonly ok: false; readonly message: string };

/** Decimal units as formatBytes shows them, binary ones for people who think in GiB. */
const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

const PATTERN = /^(\d+(?:[.,]\d+)?)\s*([a-z]*)$/i;

/**
 * Reads a size a person typed: "50 GB", "1.5TB", "500 MiB". A bare number means GB,
 * the unit quotas are usually thought of in. Empty means "no limit" (null).
 */
export function parseByteSize(text: string): ParsedByteSize {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, bytes: null };
  const match = PATTERN.exec(trimmed);
  if (!match) return { ok: false, message: 'Enter a size such as 50 GB or 500 MB, or leave it empty for no limit.' };
  const amount = Number((match[1] ?? '').replace(',', '.'));
  const unit = (match[2] ?? '').toLowerCase() || 'gb';
  const factor = UNITS[unit];
  if (factor === undefined) return { ok: false, message: `“${match[2]}” is not a unit DocuVault knows. Use KB, MB, GB or TB.` };
  const bytes = Math.round(amount * factor);
  if (bytes < 1) return { ok: false, message: 'The quota must be larger than zero, or empty for no limit.' };
  if (bytes > Number.MAX_SAFE_INTEGER) return { ok: false, message: 'That quota is larger than DocuVault can count.' };
  return { ok: true, bytes };
}
