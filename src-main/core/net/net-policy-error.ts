import { AppError } from '../errors';
import { CertificateMismatchError } from './certificate-mismatch-error';
import { refusalMessages } from './refusal-messages';
import { UrlRefusedError } from './url-refused-error';

/**
 * Finds the guarded agents' own refusal in an error a client library threw.
 * minio passes our error through; node-fetch (under the `webdav` client) keeps
 * only its code and buries the message in its own, which also carries the URL,
 * so for those a plain message is rebuilt from the code rather than parsed.
 * Returns undefined for any other failure.
 */
export function findNetPolicyError(error: unknown): AppError | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof UrlRefusedError || current instanceof CertificateMismatchError) return current;
    const code = (current as { code?: unknown }).code;
    if (!(current instanceof AppError) && code === 'VALIDATION') {
      return new AppError('VALIDATION', refusalMessages.refusedAddress(), { cause: error });
    }
    if (!(current instanceof AppError) && code === 'REAUTH_REQUIRED') {
      return new AppError('REAUTH_REQUIRED', refusalMessages.certificateChanged(), { cause: error });
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
