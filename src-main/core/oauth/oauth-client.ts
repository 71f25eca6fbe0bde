import type { ConnectionProvider } from '../../../src-shared/domain';

/** Tokens as stored (sealed) for an OAuth connection. */
export interface OAuthTokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
  readonly scope: string | null;
  /** Provider-specific extras to persist with the tokens (e.g. the serialized MSAL cache), sealed too. */
  readonly extra?: Readonly<Record<string, string>>;
}

export interface OAuthAccount {
  /** Shown as the connection's account: e-mail where there is one. */
  readonly email: string | null;
  readonly name: string | null;
  /** Stable id at the provider, to recognise the same account on reconnect. */
  readonly id: string;
}

/** Where the browser sends the person back. */
export type RedirectKind = 'loopback' | 'deep-link';

/**
 * One OAuth provider's protocol (Google, Microsoft), free of Electron. The
 * connections service drives it: open the authorization URL in the system
 * browser, receive the callback, exchange the code, refresh later.
 */
export interface OAuthClient {
  readonly provider: Extract<ConnectionProvider, 'google_drive' | 'onedrive'>;
  readonly redirectKind: RedirectKind;
  /** Null when configured; else a sentence saying how to configure it (README section). */
  configurationProblem(): string | null;
  /** The URL to open in the browser. `redirectUri` comes from the loopback listener or the deep link. */
  authorizationUrl(params: { state: string; codeChallenge: string; redirectUri: string }): Promise<string>;
  /** Exchanges the code; throws a VALIDATION AppError for a refused code. */
  exchangeCode(params: { code: string; codeVerifier: string; redirectUri: string }): Promise<{ tokens: OAuthTokens; account: OAuthAccount }>;
  /** New tokens from the refresh token; throws CloudConnectionError('invalid_grant') when the grant is gone. */
  refresh(tokens: OAuthTokens): Promise<OAuthTokens>;
}
