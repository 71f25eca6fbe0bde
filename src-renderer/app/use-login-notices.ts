import { useConnections, useEvent } from '../api';
import { connectedNotice } from '../features/connections/connection-text';
import { useToasts } from '../ui/toasts';

/**
 * A browser sign-in ends whenever the person finishes in their browser, whatever
 * the window shows by then: success is said and Settings → Connections shown;
 * a failure (or a refused callback, with no attempt of ours) is said too. A
 * sign-in the person cancelled here is not news.
 */
export function useLoginNotices(onConnected: () => void): void {
  const { store } = useConnections();
  const toasts = useToasts();
  useEvent('connections:login-finished', (event) => {
    if (event.connection && !event.error) {
      toasts.info(connectedNotice(event.connection));
      onConnected();
      return;
    }
    if (event.attemptId && store.wasCancelledHere(event.attemptId)) return;
    toasts.error(event.error?.message ?? 'The sign-in did not finish. Try again.');
  });
}
