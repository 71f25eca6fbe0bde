import type { ConnectionProvider, StorageBackendKind } from '../../../src-shared/domain';
import type { ProviderAdapter } from './provider-adapter';
import { googleDriveConfigFromEnv, googleDriveProvider } from './providers/google-drive-provider';
import { nextcloudProvider } from './providers/nextcloud-provider';
import { oneDriveConfigFromEnv, oneDriveProvider } from './providers/onedrive-provider';
import { s3Provider } from './providers/s3-provider';
import { webdavProvider } from './providers/webdav-provider';

/** Each provider's documents live on the backend of the same name. */
export function connectionBackendKind(provider: ConnectionProvider): StorageBackendKind {
  return provider;
}

/** The providers this build can connect; sign-in clients are configured from the environment. */
export function defaultProviders(env: Readonly<Record<string, string | undefined>> = process.env): ProviderAdapter[] {
  return [
    s3Provider,
    webdavProvider,
    nextcloudProvider,
    googleDriveProvider(googleDriveConfigFromEnv(env)),
    oneDriveProvider(oneDriveConfigFromEnv(env)),
  ] as ProviderAdapter[];
}
