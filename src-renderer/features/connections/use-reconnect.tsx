import { useCallback, useState, type ReactNode } from 'react';
import type { ConnectionDto } from '../../../src-shared/domain';
import { useConnections } from '../../api';
import { useToasts } from '../../ui/toasts';
import { isOAuthProvider } from './connection-text';
import { LoginWaitingDialog } from './LoginWaitingDialog';
import { ReconnectDialog } from './ReconnectDialog';

type Reconnecting = { readonly kind: 'form'; readonly connection: ConnectionDto } | { readonly kind: 'sign-in'; readonly attemptId: string };

export interface Reconnect {
  readonly start: (connection: ConnectionDto) => Promise<void>;
  /** The dialog in progress, to render. */
  readonly dialog: ReactNode;
}

/** Reconnecting: Google Drive and OneDrive sign in again in the browser; the others ask for their password again. */
export function useReconnect(): Reconnect {
  const { store } = useConnections();
  const toasts = useToasts();
  const [reconnecting, setReconnecting] = useState<Reconnecting | null>(null);
  const close = useCallback(() => setReconnecting(null), []);

  const start = useCallback(
    async (connection: ConnectionDto) => {
      if (!isOAuthProvider(connection.provider)) {
        setReconnecting({ kind: 'form', connection });
        return;
      }
      const started = await store.startOAuth(connection.provider, connection.id);
      if (started.ok) setReconnecting({ kind: 'sign-in', attemptId: started.value.attemptId });
      else toasts.error(started.error.message);
    },
    [store, toasts],
  );

  const dialog =
    reconnecting?.kind === 'form' ? (
      <ReconnectDialog connection={reconnecting.connection} onClose={close} />
    ) : reconnecting?.kind === 'sign-in' ? (
      <LoginWaitingDialog attemptId={reconnecting.attemptId} onClose={close} />
    ) : null;

  return { start, dialog };
}
