import { useEffect, useEffectEvent, useState } from 'react';
import type { ConnectionDto } from '../../../src-shared/domain';
import { useConnections } from '../../api';
import { PlusIcon } from '../../ui/icons';
import { AddConnectionDialog } from './AddConnectionDialog';
import { ConnectionItem } from './ConnectionItem';
import { DisconnectDialog } from './DisconnectDialog';
import { useReconnect } from './use-reconnect';
import './connections.css';

export interface ReconnectRequest {
  readonly connectionId: string;
  /** Distinguishes two requests for the same connection. */
  readonly nonce: number;
}

interface ConnectionsSectionProps {
  /** Set when the person asked to reconnect from elsewhere (a sidebar folder, an unavailable document). */
  readonly reconnectRequest: ReconnectRequest | null;
  readonly onReconnectHandled: () => void;
}

/** Settings → Connections: every connection with its status, and adding, reconnecting, renaming, disconnecting. */
export function ConnectionsSection({ reconnectRequest, onReconnectHandled }: ConnectionsSectionProps) {
  const { connections, error, store } = useConnections();
  const reconnect = useReconnect();
  const [adding, setAdding] = useState(false);
  const [disconnecting, setDisconnecting] = useState<ConnectionDto | null>(null);

  // Known before "Add connection" is opened: which providers this build cannot sign in to, and why.
  useEffect(() => {
    void store.loadProviders();
  }, [store]);

  const handleRequest = useEffectEvent((request: ReconnectRequest) => {
    const connection = connections?.find((c) => c.id === request.connectionId);
    if (!connection) return;
    onReconnectHandled();
    void reconnect.start(connection);
  });
  useEffect(() => {
    if (reconnectRequest) handleRequest(reconnectRequest);
  }, [reconnectRequest, connections]);

  return (
    <section className="settings-section" aria-label="Connections">
      <header className="settings-section__header">
        <div>
          <h2 className="settings-section__title">Connections</h2>
          <p className="settings-section__lead">
            Cloud and self-hosted storage your folders can live on. Passwords and sign-ins stay encrypted on this computer.
          </p>
        </div>
        <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
          <PlusIcon />
          Add connection
        </button>
      </header>
      {connections === null && error ? (
        <div className="settings-empty">
          <p>{error.message}</p>
          <button type="button" className="button" onClick={() => void store.reload()}>
            Try again
          </button>
        </div>
      ) : connections === null ? (
        <p className="settings-empty" role="status">
          Loading connections…
        </p>
      ) : connections.length === 0 ? (
        <p className="settings-empty">No connections yet. Your documents are kept on this computer until you add one.</p>
      ) : (
        <ul className="connection-list" aria-label="Your connections">
          {connections.map((connection) => (
            <ConnectionItem
              key={connection.id}
              connection={connection}
              onReconnect={(c) => void reconnect.start(c)}
              onDisconnect={setDisconnecting}
            />
          ))}
        </ul>
      )}
      {adding && <AddConnectionDialog onClose={() => setAdding(false)} />}
      {disconnecting && <DisconnectDialog connection={disconnecting} onClose={() => setDisconnecting(null)} />}
      {reconnect.dialog}
    </section>
  );
}
