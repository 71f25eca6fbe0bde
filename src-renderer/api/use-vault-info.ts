import { useCallback, useEffect, useState } from 'react';
import type { VaultInfoDto } from '../../src-shared/domain';
import type { ErrorInfo } from '../../src-shared/errors';
import type { Result } from '../../src-shared/result';
import { useClient } from './api-context';
import { useEvent } from './use-event';

export interface VaultInfoState {
  /** Null until the first answer arrives. */
  readonly info: VaultInfoDto | null;
  readonly error: ErrorInfo | null;
  readonly setQuota: (quotaBytes: number | null) => Promise<Result<VaultInfoDto>>;
}

/** The local vault's usage and quota, refreshed whenever documents come or go. */
export function useVaultInfo(): VaultInfoState {
  const client = useClient();
  const [state, setState] = useState<{ info: VaultInfoDto | null; error: ErrorInfo | null }>({ info: null, error: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    void client.invoke('vault:info', {}).then((result) => {
      if (!current) return;
      setState((previous) => (result.ok ? { info: result.value, error: null } : { info: previous.info, error: result.error }));
    });
    return () => {
      current = false;
    };
  }, [client, generation]);

  useEvent('documents:changed', () => setGeneration((g) => g + 1));

  const setQuota = useCallback(
    async (quotaBytes: number | null) => {
      const result = await client.invoke('vault:set-quota', { quotaBytes });
      if (result.ok) setState({ info: result.value, error: null });
      return result;
    },
    [client],
  );

  return { ...state, setQuota };
}
