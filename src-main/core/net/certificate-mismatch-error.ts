import { AppError } from '../errors';
import { refusalMessages } from './refusal-messages';

/**
 * The server presented a certificate other than the one the person trusted for
 * this connection. It may have been renewed, or someone may be in the middle:
 * either way nothing is sent until the person looks at the new certificate, so
 * it asks for a reconnect (REAUTH_REQUIRED) rather than being retried.
 */
export class CertificateMismatchError extends AppError {
  constructor(
    readonly host: string,
    readonly expectedFingerprint: string,
    readonly presentedFingerprint: string,
  ) {
    super('REAUTH_REQUIRED', refusalMessages.certificateChanged(host));
    this.name = 'CertificateMismatchError';
  }
}
