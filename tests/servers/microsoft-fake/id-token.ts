import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Signs the fake's ID tokens (RS256, like the platform) and publishes the key
 * as the JWKS the OpenID metadata points to. MSAL reads the claims without
 * checking the signature (the token came straight from the token endpoint
 * over TLS), but a faithful token keeps other readers honest.
 */
export class IdTokenSigner {
  readonly keyId = randomBytes(12).toString('base64url');
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  sign(claims: Record<string, unknown>): string {
    const input = `${base64url({ typ: 'JWT', alg: 'RS256', kid: this.keyId })}.${base64url(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), this.privateKey).toString('base64url')}`;
  }

  jwks(): { keys: unknown[] } {
    return { keys: [{ ...this.publicKey.export({ format: 'jwk' }), kid: this.keyId, use: 'sig', alg: 'RS256' }] };
  }
}

/** The claims an ID token carries for the signed-in account, read back from a compact JWT (tests). */
export function decodeJwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}
