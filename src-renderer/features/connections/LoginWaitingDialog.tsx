import { useId } from 'react';
import { useConnections } from '../../api';
import { Modal } from '../../ui/modal';
import { LoginWaiting } from './LoginWaiting';
import { useLoginAttempt } from './use-login-attempt';

/** A browser sign-in started outside the Add connection dialog (signing an existing connection in again). */
export function LoginWaitingDialog({ attemptId, onClose }: { attemptId: string; onClose: () => void }) {
  const titleId = useId();
  const { attempts, store } = useConnections();
  const attempt = attempts.get(attemptId);
  useLoginAttempt(attemptId, { onConnected: onClose, onEnded: onClose });
  const cancel = () => void store.cancelLogin(attemptId).then(onClose);
  if (!attempt) return null;
  return (
    <Modal labelledBy={titleId} onDismiss={cancel}>
      <h2 id={titleId} className="dialog__title">
        Waiting for sign-in
      </h2>
      <LoginWaiting attempt={attempt} onCancel={cancel} />
    </Modal>
  );
}
