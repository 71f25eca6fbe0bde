import { randomUUID } from 'node:crypto';
import type { LoginAttemptDto } from '../../../src-shared/domain';
import { AppError, isAbortError, isAppError } from '../errors';
import type { BrowserLauncher, Logger } from '../ports';
import { pollLoginFlow, startLoginFlow } from '../storage/nextcloud/login-flow';
import type { EventBus } from '../util/event-bus';
import type { ConnectionService } from './connection-service';
import type { NetworkContext } from './provider-adapter';
import { agentsFor, checkedServerUrl, trustedFingerprint } from './providers/network-for';

export interface NextcloudSignInDeps {
  readonly connections: ConnectionService;
  readonly browser: BrowserLauncher | null;
  readonly events: EventBus;
  readonly logger: Logger;
  readonly net: NetworkContext;
  /** How long to wait for the person to approve in the browser. */
  readonly timeoutMs?: number;
  readonly pollIntervalMs?: number;
}

/**
 * Nextcloud Login Flow v2: open the server's login page in the system browser,
 * poll until the person approves (or cancels, or it times out), then connect
 * with the app password the server hands over once. The person never types a
 * password into DocuVault.
 */
export class NextcloudSignIn {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: NextcloudSignInDeps) {}

  async start(input: {
    serverUrl: string;
    label?: string | undefined;
    trustedCertificateSha256?: string | undefined;
    reconnectId?: string | undefined;
  }): Promise<LoginAttemptDto> {
    if (input.reconnectId) this.deps.connections.get(input.reconnectId);
    if (!this.deps.browser) throw new AppError('UNSUPPORTED', 'No web browser is available to sign in with. Use an app password instead.');
    if (this.deps.connections.protectionStatus().consentRequired) {
      throw new AppError('VALIDATION', `${this.deps.connections.protectionStatus().message} Confirm in Settings to continue.`);
    }
    const url = await checkedServerUrl(input.serverUrl, this.deps.net);
    const pinned = trustedFingerprint(input.trustedCertificateSha256);
    const agents = agentsFor(this.deps.net, pinned);
    const network = { httpAgent: agents.httpAgent, httpsAgent: agents.httpsAgent };
    const flow = await startLoginFlow(url.href, network);
    const attemptId = randomUUID();
    const abort = new AbortController();
    this.running.set(attemptId, abort);
    await this.deps.browser.open(flow.loginUrl);
    void (async () => {
      try {
        const credentials = await pollLoginFlow(flow.poll, {
          ...network,
          signal: abort.signal,
          ...(this.deps.timeoutMs ? { timeoutMs: this.deps.timeoutMs } : {}),
          ...(this.deps.pollIntervalMs ? { intervalMs: this.deps.pollIntervalMs } : {}),
        });
        const connection = input.reconnectId
          ? await this.deps.connections.reconnect(
              input.reconnectId,
              { loginName: credentials.loginName, appPassword: credentials.appPassword },
              pinned,
            )
          : await this.deps.connections.connect('nextcloud', {
              serverUrl: url.href,
              loginName: credentials.loginName,
              appPassword: credentials.appPassword,
              ...(input.label ? { label: input.label } : {}),
              ...(pinned ? { trustedCertificateSha256: pinned } : {}),
            });
        this.deps.events.emit('connections:login-finished', { attemptId, connection, error: null });
      } catch (error) {
        const appError = abort.signal.aborted || isAbortError(error)
          ? new AppError('CANCELLED', 'The Nextcloud sign-in was cancelled.')
          : isAppError(error)
            ? error
            : new AppError('INTERNAL', 'The Nextcloud sign-in failed. Please try again.');
        this.deps.events.emit('connections:login-finished', {
          attemptId,
          connection: null,
          error: { code: appError.code, message: appError.message },
        });
      } finally {
        this.running.delete(attemptId);
        agents.destroy();
      }
    })();
    return { attemptId, loginUrl: flow.loginUrl };
  }

  cancel(attemptId: string): boolean {
    const abort = this.running.get(attemptId);
    if (!abort) return false;
    abort.abort();
    return true;
  }

  cancelAll(): void {
    for (const abort of this.running.values()) abort.abort();
  }
}
