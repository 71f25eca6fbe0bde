import { createContext, useContext, type ReactNode } from 'react';
import type { DocuVaultClient } from './client';

const ClientContext = createContext<DocuVaultClient | null>(null);

export function ClientProvider({ client, children }: { client: DocuVaultClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): DocuVaultClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient must be used inside <ClientProvider>.');
  return client;
}
