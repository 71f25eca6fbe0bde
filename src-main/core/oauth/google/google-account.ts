import type { OAuthAccount } from '../oauth-client';
import type { GoogleAuthClient } from './google-auth-client';

interface AboutUser {
  readonly user?: { readonly displayName?: string; readonly emailAddress?: string; readonly permissionId?: string };
}

/**
 * The signed-in account from Drive's `about.user` (readable with `drive.file`).
 * `permissionId` is the user's stable id in Drive, so a reconnect can tell the
 * same account from another one.
 */
export async function fetchGoogleAccount(client: GoogleAuthClient, driveApiBaseUrl: string, accessToken: string): Promise<OAuthAccount> {
  const response = await client.transporter.request<AboutUser>({
    url: `${driveApiBaseUrl.replace(/\/$/, '')}/about?fields=${encodeURIComponent('user(displayName,emailAddress,permissionId)')}`,
    method: 'GET',
    headers: { Authorization: `Bearer ${accessToken}` },
    responseType: 'json',
    retry: true,
  });
  const user = response.data.user;
  if (!user?.permissionId) throw new Error('about.user has no permissionId');
  return { id: user.permissionId, email: user.emailAddress ?? null, name: user.displayName ?? null };
}
