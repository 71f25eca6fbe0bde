import { useEffect, useEffectEvent } from 'react';
import { useConnections } from '../../api';

interface AttemptHandlers {
  /** The sign-in made (or restored) the connection. */
  readonly onConnected: () => void;
  /** It failed, or it was cancelled and forgotten. */
  readonly onEnded: () => void;
}

/** Follows one browser sign-in to its end; the window-wide login notice tells the person how it went. */
export function useLoginAttempt(attemptId: string | null, handlers: AttemptHandlers): void {
  const { attempts, store } = useConnections();
  const attempt = attemptId ? attempts.get(attemptId) : undefined;
  const outcome = attemptId ? (attempt?.outcome ?? 'gone') : null;
  const onConnected = useEffectEvent(handlers.onConnected);
  const onEnded = useEffectEvent(handlers.onEnded);

  useEffect(() => {
    if (!attemptId || outcome === null || outcome === 'waiting') return;
    store.dismissAttempt(attemptId);
    if (outcome === 'connected') onConnected();
    else onEnded();
  }, [attemptId, outcome, store]);
}
