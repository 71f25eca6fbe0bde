import { useEffect, useId, useRef } from 'react';
import { formatFullDate } from '../../ui/format';
import type { PendingCertificate } from './use-connect-flow';

interface CertificateStepProps {
  readonly certificate: PendingCertificate;
  readonly busy: boolean;
  readonly onTrust: () => void;
  readonly onBack: () => void;
}

/**
 * A server whose certificate the system does not trust (typically a NAS with one
 * it made itself). The person compares the fingerprint with what the server shows
 * and trusts exactly this certificate, for this connection only.
 */
export function CertificateStep({ certificate, busy, onTrust, onBack }: CertificateStepProps) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const { info, host } = certificate;

  useEffect(() => heading.current?.focus(), []);

  return (
    <div className="certificate" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1} className="step__title">
        Check the certificate of {host}
      </h3>
      <p className="step__text">
        Your system does not trust this server’s certificate, which is usual for a server with a certificate it made for itself.
        Compare the fingerprint with the one your server or its administrator shows. Trust it only if they match.
      </p>
      <dl className="certificate__details">
        <dt>SHA-256 fingerprint</dt>
        <dd>
          <code className="certificate__fingerprint">{info.fingerprintSha256}</code>
        </dd>
        <dt>Issued to</dt>
        <dd>{info.subject || 'Not stated'}</dd>
        <dt>Issued by</dt>
        <dd>{info.issuer || 'Not stated'}</dd>
        <dt>Valid</dt>
        <dd>
          {formatFullDate(info.validFrom) || info.validFrom} to {formatFullDate(info.validTo) || info.validTo}
        </dd>
      </dl>
      <p className="step__text">
        DocuVault will trust exactly this certificate, for this connection only. If the server ever presents another one,
        DocuVault sends nothing to it and asks you again.
      </p>
      <div className="dialog__actions">
        <button type="button" className="button dialog__actions-start" onClick={onBack} disabled={busy}>
          Back
        </button>
        <button type="button" className="button button--primary" onClick={onTrust} disabled={busy} aria-busy={busy}>
          {busy ? 'Connecting…' : 'Trust this certificate'}
        </button>
      </div>
    </div>
  );
}
