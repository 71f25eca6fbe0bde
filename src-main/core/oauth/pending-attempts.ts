import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import { createPkcePair, createState, type PkcePair } from './pkce';

export const ATTEMPT_TTL_MS = 10 * 60 * 1000;

export interface PendingAttempt<Data> {
  readonly id: string;
  readonly state: string;
  readonly pkce: PkcePair;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly data: Data;
}

/** Why a callback was refused; each case creates nothing. */
export type RefusedCallback = 'unknown-state' | 'expired' | 'reused' | 'cancelled';

export class OAuthCallbackRefused extends AppError {
  constructor(readonly why: RefusedCallback) {
    super(
      'VALIDATION',
      why === 'expired'
        ? 'That sign-in took too long and has expired. Start it again from Settings.'
        : why === 'cancelled'
          ? 'That sign-in was cancelled.'
          : 'That sign-in response did not come from a sign-in DocuVault started, so it was ignored.',
    );
    this.name = 'OAuthCallbackRefused';
  }
}

/**
 * Sign-in attempts waiting for their callback: in memory only, each with its
 * own PKCE pair and random state, valid for ten minutes, usable exactly once.
 */
export class PendingAttempts<Data> {
  private readonly byState = new Map<string, PendingAttempt<Data>>();
  /** States already used or cancelled, remembered until they would have expired, to say "reused". */
  private readonly spent = new Map<string, { why: RefusedCallback; until: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = ATTEMPT_TTL_MS,
  ) {}

  create(data: Data): PendingAttempt<Data> {
    this.sweep();
    const now = this.clock.now().getTime();
    const attempt: PendingAttempt<Data> = {
      id: randomUUID(),
      state: createState(),
      pkce: createPkcePair(),
      createdAt: now,
      expiresAt: now + this.ttlMs,
      data,
    };
    this.byState.set(attempt.state, attempt);
    return attempt;
  }

  /** Takes the attempt a callback's state names; refuses unknown, expired, cancelled and reused states. */
  take(state: string | null | undefined): PendingAttempt<Data> {
    if (!state) throw new OAuthCallbackRefused('unknown-state');
    const attempt = this.byState.get(state);
    if (!attempt) {
      const spent = this.spent.get(state);
      throw new OAuthCallbackRefused(spent && spent.until > this.clock.now().getTime() ? spent.why : 'unknown-state');
    }
    this.byState.delete(state);
    this.spent.set(state, { why: 'reused', until: attempt.expiresAt });
    if (attempt.expiresAt <= this.clock.now().getTime()) throw new OAuthCallbackRefused('expired');
    return attempt;
  }

  byId(id: string): PendingAttempt<Data> | undefined {
    for (const attempt of this.byState.values()) if (attempt.id === id) return attempt;
    return undefined;
  }

  cancel(id: string): PendingAttempt<Data> | undefined {
    const attempt = this.byId(id);
    if (!attempt) return undefined;
    this.byState.delete(attempt.state);
    this.spent.set(attempt.state, { why: 'cancelled', until: attempt.expiresAt });
    return attempt;
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [state, attempt] of this.byState) if (attempt.expiresAt <= now) this.byState.delete(state);
    for (const [state, spent] of this.spent) if (spent.until <= now) this.spent.delete(state);
  }
}
