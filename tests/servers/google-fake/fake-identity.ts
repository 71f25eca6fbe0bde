import { randomBytes } from 'node:crypto';
import { AccessTokenGrants, pkceChallenge } from '../shared/access-token-grants';

export const DRIVE_FILE_SCOPE = 'https://www.googleapis.com/auth/drive.file';
export const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive';

/** A registered OAuth client of type "Desktop app". */
export interface FakeOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The Google account that "clicks Allow" in the fake's consent screen. */
export interface FakeAccount {
  /** Drive's `permissionId`: the stable id of the user. */
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly scopes: readonly string[];
  readonly issueRefreshToken: boolean;
  readonly expiresAt: number;
}

interface RefreshGrant {
  readonly clientId: string;
  readonly scopes: readonly string[];
  revoked: boolean;
}

export interface IssuedTokens {
  readonly access_token: string;
  readonly expires_in: number;
  readonly refresh_token?: string;
  readonly scope: string;
  readonly token_type: 'Bearer';
}

/** Why the token endpoint refused; mapped to Google's JSON errors by the endpoint. */
export class TokenRefusal extends Error {
  constructor(
    readonly error: 'invalid_grant' | 'invalid_request' | 'redirect_uri_mismatch' | 'unauthorized_client',
    readonly description: string,
  ) {
    super(description);
    this.name = 'TokenRefusal';
  }
}

const CODE_TTL_MS = 10 * 60 * 1000;
const random = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

/**
 * The fake's accounts.google.com + oauth2.googleapis.com state: one account,
 * the registered clients, single-use authorization codes bound to their PKCE
 * challenge and redirect URI, refresh grants (revocable) and access tokens
 * (short-lived, expirable on demand).
 */
export class FakeIdentity {
  accessTokenLifetimeSeconds = 3600;
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();
  private readonly accessGrants = new AccessTokenGrants();
  /** Clients the account already consented to: Google only issues a refresh token again with prompt=consent. */
  private readonly consented = new Set<string>();

  constructor(
    readonly clients: readonly FakeOAuthClient[],
    readonly account: FakeAccount,
  ) {}

  client(clientId: string | null): FakeOAuthClient | undefined {
    return this.clients.find((client) => client.clientId === clientId);
  }

  /** The person allowed access: a code for the token endpoint. */
  issueCode(params: {
    clientId: string;
    redirectUri: string;
    codeChallenge: string;
    scopes: readonly string[];
    offline: boolean;
    promptConsent: boolean;
  }): string {
    const code = random('4/0fake-');
    const firstConsent = !this.consented.has(params.clientId);
    this.consented.add(params.clientId);
    this.codes.set(code, {
      clientId: params.clientId,
      redirectUri: params.redirectUri,
      codeChallenge: params.codeChallenge,
      scopes: params.scopes,
      issueRefreshToken: params.offline && (params.promptConsent || firstConsent),
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    return code;
  }

  /** authorization_code grant. The code is spent by any attempt to use it, right or wrong. */
  redeemCode(params: { clientId: string; code: string; redirectUri: string | null; codeVerifier: string | null }): IssuedTokens {
    const entry = this.codes.get(params.code);
    this.codes.delete(params.code);
    if (!entry || entry.expiresAt <= Date.now()) throw new TokenRefusal('invalid_grant', 'Malformed auth code.');
    if (entry.clientId !== params.clientId) throw new TokenRefusal('invalid_grant', 'Bad Request');
    if (params.redirectUri !== entry.redirectUri) throw new TokenRefusal('redirect_uri_mismatch', 'Bad Request');
    if (!params.codeVerifier) throw new TokenRefusal('invalid_grant', 'Missing code verifier.');
    if (pkceChallenge(params.codeVerifier) !== entry.codeChallenge) throw new TokenRefusal('invalid_grant', 'Invalid code verifier.');
    const access = this.issueAccessToken(entry.scopes);
    if (!entry.issueRefreshToken) return access;
    const refreshToken = random('1//fake-');
    this.refreshGrants.set(refreshToken, { clientId: entry.clientId, scopes: entry.scopes, revoked: false });
    return { ...access, refresh_token: refreshToken };
  }

  /** refresh_token grant: a new access token; Google keeps the same refresh token. */
  refresh(params: { clientId: string; refreshToken: string }): IssuedTokens {
    const grant = this.refreshGrants.get(params.refreshToken);
    if (!grant || grant.revoked) throw new TokenRefusal('invalid_grant', 'Token has been expired or revoked.');
    if (grant.clientId !== params.clientId) throw new TokenRefusal('unauthorized_client', 'Unauthorized');
    return this.issueAccessToken(grant.scopes);
  }

  /** The scopes of a live access token from an `Authorization: Bearer …` header, or null. */
  verifyBearer(header: string | undefined): readonly string[] | null {
    return this.accessGrants.verifyBearer(header);
  }

  expireAllAccessTokens(): void {
    this.accessGrants.expireAll();
  }

  revokeRefreshTokens(): void {
    for (const grant of this.refreshGrants.values()) grant.revoked = true;
    this.expireAllAccessTokens();
  }

  /** An access token for tests that skip the browser (e.g. backend tests). */
  mintAccessToken(scopes: readonly string[] = [DRIVE_FILE_SCOPE]): string {
    return this.issueAccessToken(scopes).access_token;
  }

  private issueAccessToken(scopes: readonly string[]): IssuedTokens {
    const token = random('ya29.fake-');
    this.accessGrants.grant(token, scopes, this.accessTokenLifetimeSeconds);
    return { access_token: token, expires_in: this.accessTokenLifetimeSeconds, scope: scopes.join(' '), token_type: 'Bearer' };
  }
}
