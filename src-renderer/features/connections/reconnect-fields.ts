import type { ChannelInput } from '../../../src-shared/contract';
import type { ConnectionProvider } from '../../../src-shared/domain';

export type Credentials = ChannelInput<'connections:reconnect'>['credentials'];

export interface CredentialField {
  readonly key: string;
  readonly label: string;
  readonly secret: boolean;
}

/** What each password-based provider asks for again; OAuth providers sign in through the browser instead. */
export const RECONNECT_FIELDS: Partial<Record<ConnectionProvider, readonly CredentialField[]>> = {
  webdav: [{ key: 'password', label: 'Password', secret: true }],
  nextcloud: [
    { key: 'loginName', label: 'Login name', secret: false },
    { key: 'appPassword', label: 'App password', secret: true },
  ],
  s3: [
    { key: 'accessKeyId', label: 'Access key ID', secret: false },
    { key: 'secretAccessKey', label: 'Secret access key', secret: true },
  ],
};

/** Fields prefilled from what the connection shows: who it signs in as. */
export function initialCredentialValues(provider: ConnectionProvider, account: string): Record<string, string> {
  if (provider === 'nextcloud') return { loginName: account, appPassword: '' };
  if (provider === 's3') return { accessKeyId: account, secretAccessKey: '' };
  return { password: '' };
}

export function credentialsFrom(provider: ConnectionProvider, values: Record<string, string>): Credentials | null {
  const v = (key: string) => values[key] ?? '';
  if (provider === 'webdav') return v('password') ? { password: v('password') } : null;
  if (provider === 'nextcloud') {
    if (!v('appPassword')) return null;
    return v('loginName').trim() ? { loginName: v('loginName').trim(), appPassword: v('appPassword') } : { appPassword: v('appPassword') };
  }
  if (provider === 's3') {
    return v('accessKeyId').trim() && v('secretAccessKey') ? { accessKeyId: v('accessKeyId').trim(), secretAccessKey: v('secretAccessKey') } : null;
  }
  return null;
}
