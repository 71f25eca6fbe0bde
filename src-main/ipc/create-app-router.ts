import type { Logger } from '../core/ports';
import type { VaultCore } from '../core/vault-core';
import { connectionHandlers } from './handlers/connections';
import { documentHandlers } from './handlers/documents';
import { folderHandlers } from './handlers/folders';
import { vaultHandlers } from './handlers/vault';
import { createRouter, type Handlers, type Router } from './router';
import type { TransportServices } from './transport-services';

/** The router every transport serves. A missing handler is a type error here. */
export function createAppRouter(core: VaultCore, transport: TransportServices, logger: Logger): Router {
  const handlers: Handlers = {
    ...folderHandlers(core),
    ...documentHandlers(core, transport),
    ...vaultHandlers(core),
    ...connectionHandlers(core),
  };
  return createRouter(handlers, logger);
}
