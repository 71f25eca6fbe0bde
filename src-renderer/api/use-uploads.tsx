import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useClient } from './api-context';
import { UploadStore, type UploadEntry } from './upload-store';

const UploadsContext = createContext<UploadStore | null>(null);

/** One upload store per window, listening for progress from the moment the app starts. */
export function UploadsProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const store = useMemo(() => new UploadStore(client), [client]);
  useEffect(() => client.on('uploads:progress', (event) => store.applyProgress(event)), [client, store]);
  return <UploadsContext.Provider value={store}>{children}</UploadsContext.Provider>;
}

export interface Uploads {
  readonly entries: readonly UploadEntry[];
  readonly store: UploadStore;
}

export function useUploads(): Uploads {
  const store = useContext(UploadsContext);
  if (!store) throw new Error('useUploads must be used inside <UploadsProvider>.');
  const entries = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { entries, store };
}

/** The store alone, for components that start uploads but do not show them. */
export function useUploadActions(): UploadStore {
  const store = useContext(UploadsContext);
  if (!store) throw new Error('useUploadActions must be used inside <UploadsProvider>.');
  return store;
}
