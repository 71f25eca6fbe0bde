import type { ConnectionDto, ConnectionProvider, ConnectionStatus } from '../../../src-shared/domain';

const PROVIDER_NAMES: Readonly<Record<ConnectionProvider, string>> = {
  s3: 'S3-compatible storage',
  webdav: 'WebDAV',
  nextcloud: 'Nextcloud',
  google_drive: 'Google Drive',
  onedrive: 'OneDrive',
};

export function providerName(provider: ConnectionProvider): string {
  return PROVIDER_NAMES[provider] ?? provider;
}

const STATUS_TEXT: Readonly<Record<ConnectionStatus, string>> = {
  ACTIVE: 'Active',
  REQUIRES_REAUTH: 'Needs reconnect',
  ERROR: 'Error',
  DISCONNECTED: 'Disconnected',
};

export function statusText(status: ConnectionStatus): string {
  return STATUS_TEXT[status] ?? status;
}

/** True when the connection's documents cannot be reached until the person signs in again. */
export function needsReconnect(status: ConnectionStatus | null | undefined): boolean {
  return status === 'REQUIRES_REAUTH' || status === 'DISCONNECTED';
}

/** What the window says when a connection was made: the provider's name for sign-ins, the label otherwise. */
export function connectedNotice(connection: Pick<ConnectionDto, 'provider' | 'label'>): string {
  if (connection.provider === 'google_drive') return 'Google Drive connected';
  if (connection.provider === 'onedrive') return 'OneDrive connected';
  return `${connection.label} connected`;
}

export function isOAuthProvider(provider: ConnectionProvider): provider is 'google_drive' | 'onedrive' {
  return provider === 'google_drive' || provider === 'onedrive';
}
