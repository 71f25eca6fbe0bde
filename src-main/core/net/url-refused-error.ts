import { AppError } from '../errors';
import type { RefusalReason, Refused } from './verdict';

/**
 * A server address the URL policy refused. It is a VALIDATION error: the person
 * typed (or a server redirected to) an address DocuVault will not talk to.
 */
export class UrlRefusedError extends AppError {
  readonly reason: RefusalReason;

  constructor(verdict: Refused) {
    super('VALIDATION', verdict.message);
    this.name = 'UrlRefusedError';
    this.reason = verdict.reason;
  }
}

/** The AppError('VALIDATION', …) for a refused verdict. */
export function refusalError(verdict: Refused): UrlRefusedError {
  return new UrlRefusedError(verdict);
}
