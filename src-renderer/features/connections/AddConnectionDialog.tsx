import { useCallback, useEffect, useId, useState } from 'react';
import type { ConnectionDto, ConnectionProvider } from '../../../src-shared/domain';
import { useConnections, type LoginAttempt } from '../../api';
import { Modal } from '../../ui/modal';
import { useToasts } from '../../ui/toasts';
import { CertificateStep } from './CertificateStep';
import { connectedNotice, isOAuthProvider, providerName } from './connection-text';
import { ConsentNotice } from './ConsentNotice';
import { LoginWaiting } from './LoginWaiting';
import { NextcloudForm } from './NextcloudForm';
import { ProviderChooser } from './ProviderChooser';
import { S3Form } from './S3Form';
import { useConnectFlow } from './use-connect-flow';
import { useConsentGate } from './use-consent-gate';
import { useLoginAttempt } from './use-login-attempt';
import { WebDavForm } from './WebDavForm';

type FormProvider = 's3' | 'webdav' | 'nextcloud';

interface AddConnectionDialogProps {
  readonly onClose: () => void;
}

/**
 * "Add connection": pick a provider, then its form (or the browser sign-in), with the
 * consent and certificate steps where needed. A form stays mounted, hidden, while a
 * later step is shown, so going back finds what was typed.
 */
export function AddConnectionDialog({ onClose }: AddConnectionDialogProps) {
  const titleId = useId();
  const { store, protection, signInUnavailable, attempts } = useConnections();
  const toasts = useToasts();
  const gate = useConsentGate();
  const [formProvider, setFormProvider] = useState<FormProvider | null>(null);
  const [waitingFor, setWaitingFor] = useState<string | null>(null);
  const [oauthBusy, setOauthBusy] = useState<ConnectionProvider | null>(null);
  const [chooserError, setChooserError] = useState<string | null>(null);

  const onConnected = useCallback(
    (connection: ConnectionDto) => {
      toasts.info(connectedNotice(connection));
      onClose();
    },
    [toasts, onClose],
  );
  // Usually answered already (Settings asked when it opened); asked again if that failed.
  useEffect(() => {
    void store.loadProviders();
  }, [store]);

  const flow = useConnectFlow({ onConnected, onLoginStarted: (attempt: LoginAttempt) => setWaitingFor(attempt.attemptId) });

  // The sign-in's ending arrives as an event: the window-wide notice says how it went; this dialog closes or steps back.
  useLoginAttempt(waitingFor, { onConnected: onClose, onEnded: () => setWaitingFor(null) });

  const choose = async (provider: ConnectionProvider) => {
    setChooserError(null);
    if (!isOAuthProvider(provider)) {
      setFormProvider(provider);
      return;
    }
    if (!gate.allow()) return;
    setOauthBusy(provider);
    const started = await store.startOAuth(provider);
    setOauthBusy(null);
    if (started.ok) setWaitingFor(started.value.attemptId);
    else if (started.error.code !== 'UNSUPPORTED') setChooserError(started.error.message);
  };

  const back = () => {
    flow.leaveCertificate();
    flow.clearErrors();
    setFormProvider(null);
  };

  const attempt = waitingFor ? attempts.get(waitingFor) : undefined;
  const cancelSignIn = (then: () => void) => {
    if (attempt) void store.cancelLogin(attempt.attemptId).then(then);
    else then();
  };
  const title = attempt ? 'Waiting for sign-in' : formProvider ? `Connect ${providerName(formProvider)}` : 'Add connection';

  return (
    <Modal
      labelledBy={titleId}
      onDismiss={() => cancelSignIn(onClose)}
      wide
      step={attempt ? 'waiting' : flow.certificate ? 'certificate' : (formProvider ?? 'choose')}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {protection && !attempt && <ConsentNotice protection={protection} gate={gate} />}
      {!formProvider && !attempt && (
        <>
          <p className="step__text">Where should DocuVault keep documents? Each folder lives in one place you choose.</p>
          <ProviderChooser unavailable={signInUnavailable} busyProvider={oauthBusy} onChoose={(p) => void choose(p)} />
          {chooserError && (
            <p className="form-alert" role="alert">
              {chooserError}
            </p>
          )}
          <div className="dialog__actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
      {formProvider && (
        <>
          {flow.certificate && !attempt && (
            <CertificateStep certificate={flow.certificate} busy={flow.busy} onTrust={() => void flow.trustCertificate()} onBack={flow.leaveCertificate} />
          )}
          <div hidden={flow.certificate !== null || attempt !== undefined}>
            {formProvider === 'webdav' && <WebDavForm flow={flow} allow={gate.allow} onBack={back} onCancel={onClose} />}
            {formProvider === 's3' && <S3Form flow={flow} allow={gate.allow} onBack={back} onCancel={onClose} />}
            {formProvider === 'nextcloud' && (
              <NextcloudForm flow={flow} allow={gate.allow} onBack={back} onCancel={onClose} browserSignInUnavailable={signInUnavailable.get('nextcloud')} />
            )}
          </div>
        </>
      )}
      {attempt && <LoginWaiting attempt={attempt} onCancel={() => cancelSignIn(() => setWaitingFor(null))} />}
    </Modal>
  );
}
