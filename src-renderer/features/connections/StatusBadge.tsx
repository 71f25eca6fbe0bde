import type { ConnectionStatus } from '../../../src-shared/domain';
import { statusText } from './connection-text';

const TONE: Readonly<Record<ConnectionStatus, string>> = {
  ACTIVE: 'ok',
  REQUIRES_REAUTH: 'warning',
  ERROR: 'danger',
  DISCONNECTED: 'muted',
};

/** A connection's status as a word, never as colour alone. */
export function StatusBadge({ status, id }: { status: ConnectionStatus; id?: string }) {
  return (
    <span id={id} className={`badge badge--${TONE[status] ?? 'muted'}`}>
      {statusText(status)}
    </span>
  );
}
