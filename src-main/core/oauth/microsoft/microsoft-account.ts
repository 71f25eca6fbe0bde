import type { AccountInfo } from '@azure/msal-node';
import type { OAuthAccount } from '../oauth-client';

/**
 * The connection's account from the ID token MSAL parsed: the sign-in name
 * (an e-mail address for personal accounts, the UPN for work ones), the
 * display name, and the home account id (`<oid>.<tid>`), which stays the same
 * for the same person in the same tenant, so a reconnect can tell accounts apart.
 */
export function accountFromMsal(account: AccountInfo): OAuthAccount {
  return {
    id: account.homeAccountId,
    email: account.username ? account.username : null,
    name: account.name ? account.name : null,
  };
}
