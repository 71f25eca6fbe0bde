import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract';
import { silentLogger } from '../../src-main/core/ports';
import { createVaultCore, type VaultCore } from '../../src-main/core/vault-core';
import { createAppRouter } from '../../src-main/ipc/create-app-router';
import type { Router } from '../../src-main/ipc/router';

export interface VaultSession {
  readonly core: VaultCore;
  readonly router: Router;
  readonly defaultFolderId: string;
  /**
   * One router call as the window makes it: the payload and the answer are
   * structured-cloned (Electron's IPC does), and an error envelope throws so a
   * broken call can never be timed as a fast one.
   */
  call<C extends ChannelName>(channel: C, payload: ChannelInput<C>): Promise<ChannelOutput<C>>;
  close(): Promise<void>;
}

/** Opens the real core and router on `dataDir`, as the app's main process does. */
export async function openVaultSession(dataDir: string): Promise<VaultSession> {
  const core = await createVaultCore({ dataDir, logger: silentLogger });
  const router = createAppRouter(core, { contentUrl: (id) => `docuvault-content://document/${id}`, dialogs: null }, silentLogger);
  const defaultFolder = core.folders.list().find((folder) => folder.isDefault);
  if (!defaultFolder) throw new Error('The vault has no default folder');
  return {
    core,
    router,
    defaultFolderId: defaultFolder.id,
    async call(channel, payload) {
      const result = structuredClone(await router.invoke(channel, structuredClone(payload)));
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value as ChannelOutput<typeof channel>;
    },
    close: () => core.close(),
  };
}
