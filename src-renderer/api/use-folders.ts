import { useCallback, useEffect, useState } from 'react';
import type { FolderDto } from '../../src-shared/domain';
import type { ErrorInfo } from '../../src-shared/errors';
import { useClient } from './api-context';
import { useEvent } from './use-event';

export interface FoldersState {
  /** Null until the first answer arrives. */
  readonly folders: readonly FolderDto[] | null;
  readonly error: ErrorInfo | null;
  /** Asks again; answers that arrive out of order are dropped. */
  readonly reload: () => void;
}

/** Every folder with its document count and connection status, kept fresh by main's events. */
export function useFolders(): FoldersState {
  const client = useClient();
  const [state, setState] = useState<{ folders: readonly FolderDto[] | null; error: ErrorInfo | null }>({
    folders: null,
    error: null,
  });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let current = true;
    void client.invoke('folders:list', {}).then((result) => {
      if (!current) return;
      setState((previous) =>
        result.ok ? { folders: result.value, error: null } : { folders: previous.folders, error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [client, generation]);

  useEvent('folders:changed', reload);
  // Counts change when documents arrive, leave or move.
  useEvent('documents:changed', reload);
  // Each folder carries its connection's status (needs reconnecting, disconnected).
  useEvent('connections:changed', reload);

  return { ...state, reload };
}
