import { useEffect, useId, useRef, useState } from 'react';
import type { LoginAttempt } from '../../api';
import { copyText } from '../../ui/clipboard';
import { TextField } from '../../ui/form-fields';
import { providerName } from './connection-text';

interface LoginWaitingProps {
  readonly attempt: LoginAttempt;
  readonly onCancel: () => void;
}

/** While the person signs in in their browser: what is happening, the page's address to open by hand, and Cancel. */
export function LoginWaiting({ attempt, onCancel }: LoginWaitingProps) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const name = providerName(attempt.provider);

  useEffect(() => heading.current?.focus(), []);

  return (
    <div className="login-waiting" role="group" aria-labelledby={headingId} aria-busy="true">
      <h3 id={headingId} ref={heading} tabIndex={-1} className="step__title">
        {attempt.reconnectId ? `Sign in to ${name} again in your browser` : `Sign in to ${name} in your browser`}
      </h3>
      <p className="step__text" role="status">
        DocuVault opened {name}’s sign-in page in your web browser and is waiting for you to finish there. This window
        continues by itself.
      </p>
      <TextField
        label="Sign-in page"
        value={attempt.loginUrl}
        onChange={() => undefined}
        readOnly
        description="If no page opened, copy this address into your browser."
      />
      <div className="login-waiting__copy">
        <button
          type="button"
          className="button"
          onClick={async () => setCopied(await copyText(attempt.loginUrl))}
        >
          Copy address
        </button>
        <span className="field__description" aria-live="polite">
          {copied === true ? 'Address copied.' : copied === false ? 'Copying is not allowed here. Select the address and copy it.' : ''}
        </span>
      </div>
      <div className="dialog__actions">
        <span className="spinner" aria-hidden="true" />
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
