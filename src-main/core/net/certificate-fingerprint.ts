import { createHash } from 'node:crypto';
import { AppError } from '../errors';

/** SHA-256 of a certificate's DER bytes, written as browsers show it: `AB:CD:…` (32 upper-case pairs). */
export function sha256Fingerprint(der: Uint8Array): string {
  return formatFingerprint(createHash('sha256').update(der).digest('hex'));
}

/**
 * Accepts a SHA-256 fingerprint however it was copied (any case, with or without
 * colons or spaces) and returns the canonical form. Throws AppError VALIDATION
 * for anything else, so a truncated pin can never match "by prefix".
 */
export function normalizeSha256Fingerprint(input: string): string {
  const hex = input.replace(/[\s:]/g, '');
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new AppError('VALIDATION', 'That is not a SHA-256 certificate fingerprint (64 hexadecimal digits).');
  }
  return formatFingerprint(hex);
}

function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}
