import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  /** Kept in main; sent only with the token request. */
  readonly verifier: string;
  /** Sent in the authorization URL. */
  readonly challenge: string;
  readonly method: 'S256';
}

/** RFC 7636 with S256: 32 random bytes → a 43-character verifier. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge, method: 'S256' };
}

/** An unguessable, single-use `state` value. */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}
