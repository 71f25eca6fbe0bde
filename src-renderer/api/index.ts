export { ClientProvider, useClient } from './api-context';
export { createClient, type DocuVaultClient } from './client';
export { initialFolder, prefetchInitialView, type InitialListing } from './initial-view';
export { withPrefetch, type PrefetchingClient } from './prefetching-client';
export { useDocumentPages, type DocumentPages, type DocumentQuery } from './use-document-pages';
export { useEvent } from './use-event';
export { useFolders, type FoldersState } from './use-folders';
export { useInvoke, type Invoke } from './use-invoke';
export { UploadsProvider, useUploadActions, useUploads, type Uploads } from './use-uploads';
export { isFinished, uploadTotals, type UploadEntry, type UploadTotals } from './upload-store';
export { windowBridge } from './window-bridge';
export {
  ConnectionsStore,
  type BrowserSignInProvider,
  type ConnectionsSnapshot,
  type LoginAttempt,
  type LoginOutcome,
  type OAuthProvider,
} from './connections-store';
export { ConnectionsProvider, useConnections, type Connections } from './use-connections';
export { useVaultInfo, type VaultInfoState } from './use-vault-info';
