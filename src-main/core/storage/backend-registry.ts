import type { StorageBackendKind } from '../../../src-shared/domain';
import { AppError } from '../errors';
import type { StorageBackend } from './storage-backend';

/** Where a document's or folder's bytes live, as recorded in its row. */
export interface BackendLocator {
  readonly backend: StorageBackendKind;
  readonly connectionId: string | null;
}

/** Resolves a connection's backend; supplied by the connections service once it exists. */
export type ConnectionBackendResolver = (connectionId: string, kind: StorageBackendKind) => Promise<StorageBackend>;

/**
 * Resolves the backend for a row (the seed's get_storage_backend_for_document):
 * the local vault, or the backend of the row's connection.
 */
export class BackendRegistry {
  private connectionResolver: ConnectionBackendResolver | null = null;

  constructor(private readonly local: StorageBackend) {}

  setConnectionResolver(resolver: ConnectionBackendResolver): void {
    this.connectionResolver = resolver;
  }

  get localBackend(): StorageBackend {
    return this.local;
  }

  async resolve(locator: BackendLocator): Promise<StorageBackend> {
    if (locator.backend === 'local') return this.local;
    if (!locator.connectionId || !this.connectionResolver) {
      throw new AppError('BACKEND_UNAVAILABLE', 'The storage this item lives on is not connected.');
    }
    return this.connectionResolver(locator.connectionId, locator.backend);
  }
}
