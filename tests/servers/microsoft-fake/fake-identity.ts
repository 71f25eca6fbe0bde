import { createHash, randomBytes } from 'node:crypto';
import { AccessTokenGrants, pkceChallenge } from '../shared/access-token-grants';
import { aad, AadRefusal } from './aad-errors';
import type { IdTokenSigner } from './id-token';

/** An app registration of type "Mobile and desktop application": a public client, no secret. */
export interface FakeMicrosoftClient {
  readonly clientId: string;
  /**
   * Registered redirect URIs. A loopback `http://localhost/…` or
   * `http://127.0.0.1/…` entry matches any port (the platform ignores the
   * port for loopback redirects); everything else must match exactly.
   */
  readonly redirectUris: readonly string[];
}

/** The account that signs in and clicks "Accept". */
export interface FakeMicrosoftAccount {
  /** Object id: the user's stable id (`oid`, and `uid` in client_info). */
  readonly oid: string;
  /** Tenant id (`tid`, and `utid` in client_info); personal accounts share one. */
  readonly tid: string;
  readonly username: string;
  readonly name: string;
}

/** Graph permissions and OpenID scopes the fake knows; anything else is AADSTS70011. */
export const KNOWN_SCOPES = new Set([
  'openid',
  'profile',
  'email',
  'offline_access',
  'User.Read',
  'Files.Read',
  'Files.ReadWrite',
  'Files.ReadWrite.All',
  'Files.ReadWrite.AppFolder',
]);
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
/** Scopes that let a token work with the person's files in Graph. */
export const FILE_SCOPES = new Set(['Files.ReadWrite', 'Files.ReadWrite.All']);

/** `https://graph.microsoft.com/Files.ReadWrite` and `Files.ReadWrite` are the same permission. */
export function normalizeScope(scope: string): string {
  const bare = scope.replace(/^https:\/\/graph\.microsoft\.com\//i, '');
  for (const known of KNOWN_SCOPES) if (known.toLowerCase() === bare.toLowerCase()) return known;
  return scope;
}

export function parseScopes(value: string | null): string[] {
  return [...new Set((value ?? '').split(/\s+/).filter(Boolean).map(normalizeScope))];
}

interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly scopes: readonly string[];
  readonly nonce: string | null;
  readonly expiresAt: number;
  redeemed: boolean;
}

type RefreshState = 'live' | 'revoked' | 'expired';

interface RefreshGrant {
  readonly clientId: string;
  readonly scopes: readonly string[];
  state: RefreshState;
}

export interface TokenResponse {
  readonly token_type: 'Bearer';
  readonly scope: string;
  readonly expires_in: number;
  readonly ext_expires_in: number;
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly id_token?: string;
  readonly client_info?: string;
}

const CODE_TTL_MS = 10 * 60 * 1000;
const token = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

/**
 * login.microsoftonline.com's state for one account: registered public
 * clients, single-use authorization codes bound to their PKCE challenge,
 * redirect URI and nonce; refresh grants (rotated on every use, revocable or
 * expirable); access tokens (expirable on demand).
 */
export class FakeIdentity {
  accessTokenLifetimeSeconds = 3600;
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();
  private readonly accessGrants = new AccessTokenGrants();

  constructor(
    readonly clients: readonly FakeMicrosoftClient[],
    readonly account: FakeMicrosoftAccount,
    private readonly signer: IdTokenSigner,
    /** The issuer base, e.g. https://127.0.0.1:<port> (`iss` = `<base>/<tid>/v2.0`). */
    private readonly issuerBase: () => string,
  ) {}

  client(clientId: string | null): FakeMicrosoftClient | undefined {
    return this.clients.find((client) => client.clientId === clientId);
  }

  /** Whether `redirectUri` is registered for the client (the port of a loopback URI is ignored). */
  allowsRedirect(client: FakeMicrosoftClient, redirectUri: string): boolean {
    let asked: URL;
    try {
      asked = new URL(redirectUri);
    } catch {
      return false;
    }
    if (asked.hash) return false;
    return client.redirectUris.some((registered) => {
      const allowed = new URL(registered);
      const loopback = allowed.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(allowed.hostname);
      if (!loopback) return registered === redirectUri;
      return asked.protocol === 'http:' && asked.hostname === allowed.hostname && asked.pathname === allowed.pathname && asked.search === '';
    });
  }

  /** The person accepted: a code for the token endpoint. */
  issueCode(params: { clientId: string; redirectUri: string; codeChallenge: string; scopes: readonly string[]; nonce: string | null }): string {
    const code = token('M.C5fake_');
    this.codes.set(code, { ...params, expiresAt: Date.now() + CODE_TTL_MS, redeemed: false });
    return code;
  }

  /** authorization_code grant: single use, bound to client, redirect URI and PKCE challenge. */
  redeemCode(params: { clientId: string; code: string; redirectUri: string | null; codeVerifier: string | null; clientInfo: boolean }): TokenResponse {
    const entry = this.codes.get(params.code);
    if (!entry || entry.expiresAt <= Date.now() || entry.clientId !== params.clientId) throw new AadRefusal(aad.codeInvalid());
    if (entry.redeemed) throw new AadRefusal(aad.codeRedeemed());
    // Spent by any attempt, right or wrong: a code never gets a second try.
    entry.redeemed = true;
    if (params.redirectUri !== entry.redirectUri) throw new AadRefusal(aad.redirectMismatch());
    if (!params.codeVerifier) throw new AadRefusal(aad.missing('code_verifier'));
    if (pkceChallenge(params.codeVerifier) !== entry.codeChallenge) {
      throw new AadRefusal(aad.verifierMismatch());
    }
    return this.issueTokens(entry.clientId, entry.scopes, { nonce: entry.nonce, clientInfo: params.clientInfo, withIdToken: true });
  }

  /** refresh_token grant: new access token and a rotated refresh token. */
  refresh(params: { clientId: string; refreshToken: string; scopes: readonly string[]; clientInfo: boolean }): TokenResponse {
    const grant = this.refreshGrants.get(params.refreshToken);
    if (!grant || grant.clientId !== params.clientId) throw new AadRefusal(aad.codeInvalid());
    if (grant.state === 'revoked') throw new AadRefusal(aad.refreshRevoked());
    if (grant.state === 'expired') throw new AadRefusal(aad.refreshExpired());
    // Asking for scopes never granted needs consent again; asking for fewer is fine.
    const resource = params.scopes.filter((scope) => !OIDC_SCOPES.has(scope));
    const missing = resource.find((scope) => !grant.scopes.includes(scope));
    if (missing) throw new AadRefusal(aad.badScope(missing));
    return this.issueTokens(grant.clientId, grant.scopes, { nonce: null, clientInfo: params.clientInfo, withIdToken: grant.scopes.includes('openid') });
  }

  /** The scopes of a live access token from `Authorization: Bearer …`, or null. */
  verifyBearer(header: string | undefined): readonly string[] | null {
    return this.accessGrants.verifyBearer(header);
  }

  expireAllAccessTokens(): void {
    this.accessGrants.expireAll();
  }

  /** Revoked (the person removed the app, changed the password…): refreshes answer invalid_grant with suberror bad_token. */
  revokeRefreshTokens(): void {
    this.setRefreshState('revoked');
  }

  /** Unused for too long: refreshes answer plain invalid_grant (AADSTS700082). */
  expireRefreshTokens(): void {
    this.setRefreshState('expired');
  }

  /** A live access token for tests that skip the browser (backend tests). */
  mintAccessToken(scopes: readonly string[] = ['Files.ReadWrite']): string {
    const accessToken = token('EwB-fake_');
    this.accessGrants.grant(accessToken, scopes, this.accessTokenLifetimeSeconds);
    return accessToken;
  }

  /** The JWKS the ID tokens verify against (what the metadata's `jwks_uri` serves). */
  signingKeys(): { keys: unknown[] } {
    return this.signer.jwks();
  }

  /** Refresh tokens handed out so far (for "never in an error" checks). */
  issuedRefreshTokens(): string[] {
    return [...this.refreshGrants.keys()];
  }

  private setRefreshState(state: RefreshState): void {
    for (const grant of this.refreshGrants.values()) grant.state = state;
    this.expireAllAccessTokens();
  }

  private issueTokens(
    clientId: string,
    scopes: readonly string[],
    options: { nonce: string | null; clientInfo: boolean; withIdToken: boolean },
  ): TokenResponse {
    const resource = scopes.filter((scope) => !OIDC_SCOPES.has(scope));
    const accessToken = this.mintAccessToken(resource);
    const refreshToken = scopes.includes('offline_access') ? token('M.C5fake_rt_') : undefined;
    if (refreshToken) this.refreshGrants.set(refreshToken, { clientId, scopes, state: 'live' });
    const { oid, tid, username, name } = this.account;
    const now = Math.floor(Date.now() / 1000);
    const idToken =
      options.withIdToken && scopes.includes('openid')
        ? this.signer.sign({
            ver: '2.0',
            iss: `${this.issuerBase()}/${tid}/v2.0`,
            sub: createHash('sha256').update(`${oid}:${clientId}`).digest('base64url'),
            aud: clientId,
            exp: now + 3600,
            iat: now,
            nbf: now,
            name,
            preferred_username: username,
            oid,
            tid,
            ...(options.nonce ? { nonce: options.nonce } : {}),
          })
        : undefined;
    return {
      token_type: 'Bearer',
      // The platform reports the scopes it granted, OpenID ones included.
      scope: scopes.filter((scope) => scope !== 'offline_access').join(' '),
      expires_in: this.accessTokenLifetimeSeconds,
      ext_expires_in: this.accessTokenLifetimeSeconds,
      access_token: accessToken,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      ...(idToken ? { id_token: idToken } : {}),
      ...(options.clientInfo ? { client_info: Buffer.from(JSON.stringify({ uid: oid, utid: tid })).toString('base64url') } : {}),
    };
  }
}
