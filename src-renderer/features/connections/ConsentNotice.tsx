import { useEffect, useId, useRef, useState } from 'react';
import type { CredentialProtectionDto } from '../../../src-shared/domain';
import { WarningIcon } from '../../ui/icons';
import type { ConsentGate } from './use-consent-gate';

interface ConsentNoticeProps {
  readonly protection: CredentialProtectionDto;
  readonly gate: ConsentGate;
}

/**
 * Where the operating system offers no keychain, DocuVault says how it would
 * protect passwords instead and asks before storing any: it never falls back
 * to weaker protection silently.
 */
export function ConsentNotice({ protection, gate }: ConsentNoticeProps) {
  const titleId = useId();
  const messageId = useId();
  const errorId = useId();
  const [busy, setBusy] = useState(false);
  const done = useRef<HTMLParagraphElement>(null);

  // The button the person pressed is gone once they agreed; focus moves to the sentence that replaced it.
  useEffect(() => {
    if (gate.acceptedNow) done.current?.focus();
  }, [gate.acceptedNow]);

  if (!gate.required) {
    return gate.acceptedNow ? (
      <p ref={done} className="consent consent--accepted" tabIndex={-1} role="status">
        Passwords will be stored with this protection.
      </p>
    ) : null;
  }

  return (
    <div className="consent" role="group" aria-labelledby={titleId} aria-describedby={messageId}>
      <p id={titleId} className="consent__title">
        <WarningIcon />
        Passwords would have weaker protection here
      </p>
      <p id={messageId} className="consent__message">
        {protection.message}
      </p>
      {gate.error && (
        <p id={errorId} className="field__error" role="alert">
          {gate.error}
        </p>
      )}
      <button
        id={gate.buttonId}
        type="button"
        className="button"
        disabled={busy}
        aria-describedby={gate.error ? `${messageId} ${errorId}` : messageId}
        onClick={async () => {
          setBusy(true);
          await gate.accept();
          setBusy(false);
        }}
      >
        Store with this protection
      </button>
    </div>
  );
}
