import { createHash } from 'node:crypto';

/**
 * The OpenID nonce for one sign-in, derived from its PKCE challenge: the
 * challenge is unique per attempt, and at the code exchange the client knows
 * only the verifier (the OAuthClient interface carries nothing else between
 * the two steps), from which the challenge — and so the nonce — follows.
 * MSAL then refuses an ID token minted for another sign-in.
 */
export function nonceForChallenge(codeChallenge: string): string {
  return createHash('sha256').update(`docuvault-nonce:${codeChallenge}`).digest('base64url');
}

export function challengeForVerifier(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}
