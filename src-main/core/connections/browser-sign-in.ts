import type { ConnectionProvider, LoginAttemptDto } from '../../../src-shared/domain';
import { AppError, isAppError } from '../errors';
import { startLoopbackReceiver, type LoopbackReceiver } from '../oauth/loopback-receiver';
import { OAuthCallbackRefused, PendingAttempts, type PendingAttempt } from '../oauth/pending-attempts';
import type { BrowserLauncher, Clock, Logger } from '../ports';
import type { EventBus } from '../util/event-bus';
import type { ConnectionService } from './connection-service';

type OAuthProvider = Extract<ConnectionProvider, 'google_drive' | 'onedrive'>;

interface AttemptData {
  readonly provider: OAuthProvider;
  /** Set when the attempt reconnects an existing connection. */
  readonly reconnectId: string | null;
  readonly redirectUri: string;
  readonly receiver: LoopbackReceiver | null;
}

export interface BrowserSignInDeps {
  readonly connections: ConnectionService;
  readonly browser: BrowserLauncher | null;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * The app's deep link for a provider (docuvault://oauth/microsoft), or null where
   * the scheme cannot be registered (AppImage, the browser preview): then a
   * loopback redirect is used instead.
   */
  readonly deepLinkRedirect: (provider: OAuthProvider) => string | null;
}

const PROVIDER_NAMES: Record<OAuthProvider, string> = { google_drive: 'Google Drive', onedrive: 'OneDrive' };

/**
 * Sign-in through the system browser (RFC 8252): PKCE and a single-use state per
 * attempt; the result comes back through the loopback receiver or the app's deep
 * link, and is announced with a `connections:login-finished` event.
 */
export class BrowserSignIn {
  private readonly attempts: PendingAttempts<AttemptData>;

  constructor(private readonly deps: BrowserSignInDeps) {
    this.attempts = new PendingAttempts<AttemptData>(deps.clock);
  }

  async start(provider: OAuthProvider, reconnectId: string | null = null): Promise<LoginAttemptDto> {
    const client = this.deps.connections.oauthClient(provider);
    const problem = client.configurationProblem();
    if (problem) throw new AppError('UNSUPPORTED', problem);
    if (!this.deps.browser) throw new AppError('UNSUPPORTED', 'No web browser is available to sign in with.');
    if (this.deps.connections.protectionStatus().consentRequired) {
      throw new AppError('VALIDATION', `${this.deps.connections.protectionStatus().message} Confirm in Settings to continue.`);
    }
    if (reconnectId) this.deps.connections.get(reconnectId);
    const deepLink = client.redirectKind === 'deep-link' ? this.deps.deepLinkRedirect(provider) : null;
    // The receiver knows its attempt's state once the attempt exists (just below).
    let expectedState: string | null = null;
    const receiver = deepLink
      ? null
      : await startLoopbackReceiver({
          accepts: (params) => expectedState !== null && params.get('state') === expectedState,
          onRefused: (params) => void this.handleCallback(params),
        });
    const attempt = this.attempts.create({ provider, reconnectId, redirectUri: deepLink ?? receiver!.redirectUri, receiver });
    expectedState = attempt.state;
    let url: string;
    try {
      url = await client.authorizationUrl({ state: attempt.state, codeChallenge: attempt.pkce.challenge, redirectUri: attempt.data.redirectUri });
      await this.deps.browser.open(url);
    } catch (error) {
      this.attempts.cancel(attempt.id);
      await receiver?.close();
      throw isAppError(error) ? error : new AppError('INTERNAL', 'The sign-in page could not be opened.');
    }
    receiver?.callback.then(
      (params) => this.handleCallback(params),
      () => this.finishWithError(attempt.id, new AppError('CANCELLED', 'The sign-in was cancelled or took too long.')),
    );
    return { attemptId: attempt.id, loginUrl: url };
  }

  cancel(attemptId: string): boolean {
    const attempt = this.attempts.cancel(attemptId);
    if (!attempt) return false;
    void attempt.data.receiver?.close();
    this.finishWithError(attempt.id, new AppError('CANCELLED', 'The sign-in was cancelled.'));
    return true;
  }

  /** The deep link docuvault://oauth/<provider>?code=…&state=… (routed here by the Electron shell). */
  async handleRedirectUrl(url: string): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return;
    }
    await this.handleCallback(parsed.searchParams);
  }

  /** Completes the attempt the callback's state names. Anything else is refused and creates nothing. */
  async handleCallback(params: URLSearchParams): Promise<void> {
    let attempt: PendingAttempt<AttemptData>;
    try {
      attempt = this.attempts.take(params.get('state'));
    } catch (error) {
      if (error instanceof OAuthCallbackRefused) {
        this.deps.logger.log('warn', 'refused a sign-in callback', { why: error.why });
        this.deps.events.emit('connections:login-finished', {
          attemptId: null,
          connection: null,
          error: { code: error.code, message: error.message },
        });
        return;
      }
      throw error;
    }
    void attempt.data.receiver?.close();
    const providerName = PROVIDER_NAMES[attempt.data.provider];
    try {
      const errorParam = params.get('error');
      if (errorParam) {
        throw new AppError(
          'CANCELLED',
          errorParam === 'access_denied'
            ? `${providerName} access was not granted. Nothing was connected.`
            : `${providerName} did not complete the sign-in. Nothing was connected.`,
        );
      }
      const code = params.get('code');
      if (!code) throw new AppError('VALIDATION', `${providerName} did not send a sign-in code. Nothing was connected.`);
      const client = this.deps.connections.oauthClient(attempt.data.provider);
      const { tokens, account } = await client.exchangeCode({ code, codeVerifier: attempt.pkce.verifier, redirectUri: attempt.data.redirectUri });
      const connection = attempt.data.reconnectId
        ? await this.deps.connections.reconnectFromSignIn(attempt.data.reconnectId, tokens, account)
        : await this.deps.connections.createFromSignIn(attempt.data.provider, tokens, account);
      this.deps.events.emit('connections:login-finished', { attemptId: attempt.id, connection, error: null });
    } catch (error) {
      this.finishWithError(
        attempt.id,
        isAppError(error) ? error : new AppError('INTERNAL', `${providerName} sign-in failed. Please try again.`),
      );
    }
  }

  private finishWithError(attemptId: string, error: AppError): void {
    this.deps.events.emit('connections:login-finished', { attemptId, connection: null, error: { code: error.code, message: error.message } });
  }
}
