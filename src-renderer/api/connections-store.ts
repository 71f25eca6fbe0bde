import type { ChannelInput } from '../../src-shared/contract';
import type { ConnectionDto, ConnectionProvider, CredentialProtectionDto, LoginFinishedEvent } from '../../src-shared/domain';
import type { ErrorInfo } from '../../src-shared/errors';
import type { Result } from '../../src-shared/result';
import type { DocuVaultClient } from './client';

export type OAuthProvider = 'google_drive' | 'onedrive';
/** Providers people sign in to through the system browser. */
export type BrowserSignInProvider = OAuthProvider | 'nextcloud';

export type LoginOutcome = 'waiting' | 'connected' | 'failed';

/** One sign-in through the system browser, from the call that opened it to the event that ended it. */
export interface LoginAttempt {
  readonly attemptId: string;
  readonly loginUrl: string;
  readonly provider: BrowserSignInProvider;
  readonly reconnectId: string | null;
  readonly outcome: LoginOutcome;
  readonly connection: ConnectionDto | null;
  /** Main's code travels as a string in the event; only the message is shown. */
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface ConnectionsSnapshot {
  /** Null until the first answer arrives. */
  readonly connections: readonly ConnectionDto[] | null;
  readonly error: ErrorInfo | null;
  /** Null until asked for (see `loadProtection`). */
  readonly protection: CredentialProtectionDto | null;
  readonly attempts: ReadonlyMap<string, LoginAttempt>;
  /**
   * Browser sign-in this build cannot do, with main's sentence saying why (a provider
   * without a configured client id). Asked for up front (`loadProviders`) for Google
   * Drive and OneDrive, and learnt from UNSUPPORTED answers; kept for the session.
   */
  readonly signInUnavailable: ReadonlyMap<BrowserSignInProvider, string>;
}

const EMPTY: ConnectionsSnapshot = {
  connections: null,
  error: null,
  protection: null,
  attempts: new Map(),
  signInUnavailable: new Map(),
};

/**
 * The window's view of its cloud connections: the list (kept fresh by events),
 * how credentials are protected, and the browser sign-ins in progress. One per
 * window, so the sidebar, the New folder dialog and Settings agree.
 */
export class ConnectionsStore {
  private snapshot: ConnectionsSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();
  /** Attempts this window cancelled: their CANCELLED ending is not news to the person. */
  private readonly cancelledHere = new Set<string>();
  /** Endings that arrived before the call that started the attempt answered. */
  private readonly earlyEndings = new Map<string, LoginFinishedEvent>();
  private loading: Promise<void> | null = null;
  private reloadAgain = false;
  private providersAsked: Promise<void> | null = null;

  constructor(private readonly client: DocuVaultClient) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ConnectionsSnapshot => this.snapshot;

  /** Loads the list and follows main's events; returns the function that stops following. */
  start(): () => void {
    const stops = [
      this.client.on('connections:changed', () => void this.reload()),
      // Folder and document counts per connection move with these.
      this.client.on('folders:changed', () => void this.reload()),
      this.client.on('connections:login-finished', (event) => this.applyLoginFinished(event)),
    ];
    void this.reload();
    return () => stops.forEach((stop) => stop());
  }

  find(id: string): ConnectionDto | undefined {
    return this.snapshot.connections?.find((c) => c.id === id);
  }

  /** Asks main again; calls that overlap are folded into one more request after the current one. */
  reload(): Promise<void> {
    if (this.loading) {
      this.reloadAgain = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.reloadAgain = false;
        const result = await this.client.invoke('connections:list', {});
        this.update(
          result.ok ? { connections: result.value, error: null } : { error: result.error },
        );
      } while (this.reloadAgain);
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /**
   * Asks main once per window which providers this build can connect, so a provider
   * without a configured sign-in client says so on its button before anyone clicks.
   * A failed answer (an older main without the channel) leaves the sentences to be
   * learnt from UNSUPPORTED answers, and is asked again next time.
   */
  loadProviders(): Promise<void> {
    this.providersAsked ??= this.client.invoke('connections:providers', {}).then((result) => {
      if (!result.ok) {
        this.providersAsked = null;
        return;
      }
      const signInUnavailable = new Map(this.snapshot.signInUnavailable);
      for (const { provider, available, reason } of result.value) {
        // A sentence learnt from an answer to a sign-in is newer than this one: it stays.
        if (!available && reason && isOAuthProvider(provider) && !signInUnavailable.has(provider)) signInUnavailable.set(provider, reason);
      }
      if (signInUnavailable.size !== this.snapshot.signInUnavailable.size) this.update({ signInUnavailable });
    });
    return this.providersAsked;
  }

  async loadProtection(): Promise<Result<CredentialProtectionDto>> {
    const result = await this.client.invoke('credentials:status', {});
    if (result.ok) this.update({ protection: result.value });
    return result;
  }

  /** The person agreed to store secrets with the weaker protection main described. */
  async acceptProtection(): Promise<Result<CredentialProtectionDto>> {
    const result = await this.client.invoke('credentials:consent', { accept: true });
    if (result.ok) this.update({ protection: result.value });
    return result;
  }

  /** Opens Google's or Microsoft's sign-in page in the system browser (or signs an existing connection in again). */
  async startOAuth(provider: OAuthProvider, reconnectId: string | null = null): Promise<Result<LoginAttempt>> {
    const result = await this.client.invoke('connections:connect-oauth', reconnectId ? { provider, reconnectId } : { provider });
    return this.track(result, provider, reconnectId);
  }

  /** Nextcloud Login Flow v2: the server's login page in the browser; the app password arrives by itself. */
  async startNextcloudLogin(input: ChannelInput<'connections:nextcloud-login'>): Promise<Result<LoginAttempt>> {
    const result = await this.client.invoke('connections:nextcloud-login', input);
    return this.track(result, 'nextcloud', null);
  }

  async cancelLogin(attemptId: string): Promise<void> {
    this.cancelledHere.add(attemptId);
    this.removeAttempt(attemptId);
    await this.client.invoke('connections:cancel-login', { attemptId });
  }

  /** Forgets a finished attempt once whoever showed it is done with it. */
  dismissAttempt(attemptId: string): void {
    this.removeAttempt(attemptId);
  }

  wasCancelledHere(attemptId: string): boolean {
    return this.cancelledHere.has(attemptId);
  }

  applyLoginFinished(event: LoginFinishedEvent): void {
    if (event.connection) void this.reload();
    const { attemptId } = event;
    if (!attemptId || this.cancelledHere.has(attemptId)) return;
    const attempt = this.snapshot.attempts.get(attemptId);
    if (!attempt) {
      this.earlyEndings.set(attemptId, event);
      return;
    }
    this.setAttempt(finished(attempt, event));
  }

  private track(
    result: Result<{ attemptId: string; loginUrl: string }>,
    provider: BrowserSignInProvider,
    reconnectId: string | null,
  ): Result<LoginAttempt> {
    if (!result.ok) {
      if (result.error.code === 'UNSUPPORTED') {
        const signInUnavailable = new Map(this.snapshot.signInUnavailable).set(provider, result.error.message);
        this.update({ signInUnavailable });
      }
      return result;
    }
    const { attemptId, loginUrl } = result.value;
    let attempt: LoginAttempt = { attemptId, loginUrl, provider, reconnectId, outcome: 'waiting', connection: null, error: null };
    const early = this.earlyEndings.get(attemptId);
    if (early) {
      this.earlyEndings.delete(attemptId);
      attempt = finished(attempt, early);
    }
    this.setAttempt(attempt);
    return { ok: true, value: attempt };
  }

  private setAttempt(attempt: LoginAttempt): void {
    this.update({ attempts: new Map(this.snapshot.attempts).set(attempt.attemptId, attempt) });
  }

  private removeAttempt(attemptId: string): void {
    if (!this.snapshot.attempts.has(attemptId)) return;
    const attempts = new Map(this.snapshot.attempts);
    attempts.delete(attemptId);
    this.update({ attempts });
  }

  private update(change: Partial<ConnectionsSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}

function isOAuthProvider(provider: ConnectionProvider): provider is OAuthProvider {
  return provider === 'google_drive' || provider === 'onedrive';
}

function finished(attempt: LoginAttempt, event: LoginFinishedEvent): LoginAttempt {
  const connected = event.connection !== null && event.error === null;
  return {
    ...attempt,
    outcome: connected ? 'connected' : 'failed',
    connection: event.connection,
    error: connected ? null : (event.error ?? { code: 'INTERNAL', message: 'The sign-in did not finish.' }),
  };
}
