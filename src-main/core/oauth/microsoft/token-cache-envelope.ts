import type { OAuthTokens } from '../oauth-client';

/**
 * Where the MSAL token cache travels: in `OAuthTokens.extra`, which the
 * connections service seals with the credential vault together with the
 * tokens. The cache holds the refresh token (MSAL never hands it out), the
 * account and the ID token, so a restart can refresh without a new sign-in.
 */
export const MSAL_CACHE_KEY = 'msalCache';
/** Which account in the cache the connection belongs to (`<oid>.<tid>`). */
export const HOME_ACCOUNT_KEY = 'homeAccountId';

export interface CarriedCache {
  readonly serializedCache: string;
  readonly homeAccountId: string;
}

export function cacheCarriedBy(tokens: OAuthTokens): CarriedCache | null {
  const serializedCache = tokens.extra?.[MSAL_CACHE_KEY];
  const homeAccountId = tokens.extra?.[HOME_ACCOUNT_KEY];
  return serializedCache && homeAccountId ? { serializedCache, homeAccountId } : null;
}

export function extraCarrying(cache: CarriedCache): Readonly<Record<string, string>> {
  return { [MSAL_CACHE_KEY]: cache.serializedCache, [HOME_ACCOUNT_KEY]: cache.homeAccountId };
}

/** Whether a serialized cache holds a refresh token at all (offline_access granted). */
export function cacheHoldsRefreshToken(serializedCache: string): boolean {
  try {
    const parsed = JSON.parse(serializedCache) as { RefreshToken?: Record<string, unknown> };
    return Object.keys(parsed.RefreshToken ?? {}).length > 0;
  } catch {
    return false;
  }
}
