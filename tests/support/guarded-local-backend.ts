import type { StorageBackendKind } from '../../src-shared/domain';
import { LocalBackend } from '../../src-main/core/storage/local-backend';
import type { StorageBackend } from '../../src-main/core/storage/storage-backend';

/**
 * A stand-in "server" backend for the connection-service tests: a local vault
 * directory behind a gate the test controls (refuse credentials, expire a
 * token, go away). Every call passes the gate first, as a request would.
 */
export function guardedLocalBackend(kind: StorageBackendKind, root: string, gate: () => Promise<void>): StorageBackend {
  const local = new LocalBackend(root);
  const guard = async <T>(call: () => Promise<T>): Promise<T> => {
    await gate();
    await local.init();
    return call();
  };
  return {
    kind,
    capabilities: local.capabilities,
    put: (r) => guard(() => local.put(r)),
    get: (k, o) => guard(() => local.get(k, o)),
    delete: (k) => guard(() => local.delete(k)),
    stat: (k) => guard(() => local.stat(k)),
    healthCheck: () => guard(() => local.healthCheck()),
    discardIncomplete: (id) => guard(() => local.discardIncomplete(id)),
  };
}
