import { createHash } from 'node:crypto';

interface AccessGrant {
  readonly scopes: readonly string[];
  expiresAt: number;
}

/**
 * The access tokens an identity fake handed out and what they allow. The
 * token strings are the fake's own (each provider's look different); how
 * they are checked and expired is the same.
 */
export class AccessTokenGrants {
  private readonly grants = new Map<string, AccessGrant>();

  /** Records `token` as live for `lifetimeSeconds` with `scopes`. */
  grant(token: string, scopes: readonly string[], lifetimeSeconds: number): void {
    this.grants.set(token, { scopes, expiresAt: Date.now() + lifetimeSeconds * 1000 });
  }

  /** The scopes of a live access token from an `Authorization: Bearer …` header, or null. */
  verifyBearer(header: string | undefined): readonly string[] | null {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return null;
    const grant = this.grants.get(match[1]!);
    if (!grant || grant.expiresAt <= Date.now()) return null;
    return grant.scopes;
  }

  expireAll(): void {
    for (const grant of this.grants.values()) grant.expiresAt = 0;
  }
}

/** The S256 PKCE challenge a code verifier must hash to. */
export function pkceChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}
