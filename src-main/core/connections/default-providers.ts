import type { ConnectionProvider, StorageBackendKind } from '../../../src-shared/domain';
import type { ProviderAdapter } from './provider-adapter';

/** Each provider's documents live on the backend of the same name. */
export function connectionBackendKind(provider: ConnectionProvider): StorageBackendKind {
  return provider;
}

/** The providers this build can connect. */
export function defaultProviders(): ProviderAdapter[] {
  return [];
}
