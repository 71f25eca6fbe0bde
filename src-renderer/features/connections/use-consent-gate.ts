import { useCallback, useEffect, useId, useState } from 'react';
import { useConnections } from '../../api';
import { useToasts } from '../../ui/toasts';

export const CONSENT_FIRST = 'Agree to how DocuVault will store passwords (above) before connecting.';

export interface ConsentGate {
  /** True while the person has not agreed to the weaker protection main described. */
  readonly required: boolean;
  /** True once the person agreed in this dialog (the notice then says so). */
  readonly acceptedNow: boolean;
  readonly error: string | null;
  /** The id of the "Store with this protection" button, which a blocked connect focuses. */
  readonly buttonId: string;
  /** Answers true when connecting may go ahead; otherwise points the person at the consent step. */
  readonly allow: () => boolean;
  readonly accept: () => Promise<boolean>;
}

/** Asks main how secrets would be protected and holds every connect action until the person agreed, where asked. */
export function useConsentGate(): ConsentGate {
  const { store, protection } = useConnections();
  const toasts = useToasts();
  const [error, setError] = useState<string | null>(null);
  const [acceptedNow, setAcceptedNow] = useState(false);
  const buttonId = useId();

  useEffect(() => {
    void store.loadProtection();
  }, [store]);

  const required = protection?.consentRequired === true;

  const allow = useCallback(() => {
    if (!required) return true;
    setError(CONSENT_FIRST);
    document.getElementById(buttonId)?.focus();
    return false;
  }, [required, buttonId]);

  const accept = useCallback(async () => {
    const result = await store.acceptProtection();
    if (!result.ok) {
      toasts.error(result.error.message);
      return false;
    }
    setError(null);
    setAcceptedNow(!result.value.consentRequired);
    return !result.value.consentRequired;
  }, [store, toasts]);

  return { required, acceptedNow, error, buttonId, allow, accept };
}
