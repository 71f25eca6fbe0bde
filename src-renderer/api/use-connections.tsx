import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useClient } from './api-context';
import { ConnectionsStore, type ConnectionsSnapshot } from './connections-store';

const ConnectionsContext = createContext<ConnectionsStore | null>(null);

/** One connections store per window, following main's events from the moment the app starts. */
export function ConnectionsProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const store = useMemo(() => new ConnectionsStore(client), [client]);
  useEffect(() => store.start(), [store]);
  return <ConnectionsContext.Provider value={store}>{children}</ConnectionsContext.Provider>;
}

export interface Connections extends ConnectionsSnapshot {
  readonly store: ConnectionsStore;
}

export function useConnections(): Connections {
  const store = useContext(ConnectionsContext);
  if (!store) throw new Error('useConnections must be used inside <ConnectionsProvider>.');
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { ...snapshot, store };
}
