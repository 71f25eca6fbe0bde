import http, { type ClientRequestArgs } from 'node:http';
import https from 'node:https';
import { createConnection as createTcpConnection, type LookupFunction, type TcpNetConnectOpts } from 'node:net';
import type { Duplex } from 'node:stream';
import { checkServerIdentity, type ConnectionOptions } from 'node:tls';
import { normalizeSha256Fingerprint } from './certificate-fingerprint';
import { createGuardedLookup } from './guarded-lookup';
import type { HostLookup } from './host-lookup';
import { parseIpLiteral } from './ip-literal';
import { connectPinnedTls } from './pinned-tls-connect';
import { checkAddress, type ServerScheme, type UrlPolicyOptions } from './url-policy';
import { refusalError } from './url-refused-error';

export interface GuardedAgentOptions extends UrlPolicyOptions {
  /**
   * Trust exactly this certificate (SHA-256, as `probeCertificate` reports it) and no
   * other, for a self-hosted server with a private certificate. Without it the
   * usual CA and host-name checks apply.
   */
  readonly pinnedCertificateSha256?: string;
  /** Resolver to use instead of the system's; tests inject one. */
  readonly lookup?: HostLookup;
  /** Root certificates to trust instead of Node's bundled ones (a company CA, or a test CA). */
  readonly ca?: string | readonly string[];
  /** How long a pinned TLS handshake may take before it is abandoned. */
  readonly handshakeTimeoutMs?: number;
  /** Sockets per server, to bound concurrent transfers (Node's default is unlimited). */
  readonly maxSockets?: number;
}

export interface GuardedAgents {
  readonly httpAgent: http.Agent;
  readonly httpsAgent: https.Agent;
  /** Closes pooled sockets; call it when the connection is disconnected. */
  destroy(): void;
}

type ConnectionCallback = (error: Error | null, stream: Duplex) => void;

/**
 * HTTP(S) agents for one cloud connection that apply the URL policy to every
 * socket they open: IP-literal hosts are judged before dialling, host names are
 * resolved through a lookup that answers only with allowed addresses (so DNS
 * rebinding and redirects are caught at connect time), and TLS either verifies
 * as usual or accepts only the pinned certificate. They work with the `webdav`
 * client (`httpAgent`/`httpsAgent`), the `minio` client (`transportAgent`, see
 * `agentFor`) and plain `http.request`/`https.request`.
 */
export function createGuardedAgents(options: GuardedAgentOptions = {}): GuardedAgents {
  const pin = options.pinnedCertificateSha256 === undefined ? undefined : normalizeSha256Fingerprint(options.pinnedCertificateSha256);
  const httpAgent = new GuardedHttpAgent(options);
  const httpsAgent = new GuardedHttpsAgent(options, pin, options.handshakeTimeoutMs ?? 30_000);
  return {
    httpAgent,
    httpsAgent,
    destroy() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/** The agent for a URL's scheme, for clients that take a single agent (minio's `transportAgent`). */
export function agentFor(agents: GuardedAgents, url: URL | string): http.Agent {
  return new URL(url).protocol === 'https:' ? agents.httpsAgent : agents.httpAgent;
}

class GuardedHttpAgent extends http.Agent {
  private readonly guard: ConnectionGuard;

  constructor(options: GuardedAgentOptions) {
    super({ keepAlive: true, maxSockets: options.maxSockets });
    this.guard = new ConnectionGuard(options, 'http:');
  }

  override createConnection(options: ClientRequestArgs, callback?: ConnectionCallback): Duplex | undefined {
    const refusal = this.guard.refusalForLiteral(options);
    if (refusal) return failConnection(refusal, callback);
    return createTcpConnection(socketOptions(options, this.guard.lookup));
  }
}

class GuardedHttpsAgent extends https.Agent {
  private readonly guard: ConnectionGuard;

  constructor(
    options: GuardedAgentOptions,
    private readonly pin: string | undefined,
    private readonly handshakeTimeoutMs: number,
  ) {
    // The CA list goes to the Agent so that it is also part of the pool key.
    super({
      keepAlive: true,
      maxSockets: options.maxSockets,
      ...(options.ca ? { ca: typeof options.ca === 'string' ? options.ca : [...options.ca] } : {}),
    });
    this.guard = new ConnectionGuard(options, 'https:');
  }

  override createConnection(options: ClientRequestArgs, callback?: ConnectionCallback): Duplex | null | undefined {
    const refusal = this.guard.refusalForLiteral(options);
    if (refusal) return failConnection(refusal, callback);
    const tlsOptions = socketOptions(options, this.guard.lookup);
    if (this.pin === undefined) {
      // Whatever a caller put in its request options, certificates are verified here.
      return super.createConnection({ ...tlsOptions, rejectUnauthorized: true, checkServerIdentity }, callback);
    }
    if (!callback) throw new Error('A pinned connection is handed out only after its certificate is checked; pass a callback.');
    connectPinnedTls(tlsOptions, this.pin, this.handshakeTimeoutMs).then(
      (socket) => callback(null, socket),
      (error: Error) => failConnection(error, callback),
    );
    return undefined;
  }
}

/** The policy for one agent's scheme: judges IP literals up front and resolves names through the guarded lookup. */
class ConnectionGuard {
  readonly lookup: LookupFunction;

  constructor(
    private readonly options: GuardedAgentOptions,
    private readonly scheme: ServerScheme,
  ) {
    this.lookup = createGuardedLookup({ strict: options.strict, scheme, lookup: options.lookup });
  }

  /** Sockets skip `lookup` for IP literals, so those are judged here. */
  refusalForLiteral(options: ClientRequestArgs): Error | undefined {
    const host = hostOf(options);
    if (!parseIpLiteral(host)) return undefined;
    const verdict = checkAddress(host, { strict: this.options.strict, scheme: this.scheme });
    return verdict.allowed ? undefined : refusalError(verdict);
  }
}

/**
 * The agent hands over the request's options, which net and tls read as they are
 * (same field names; a string port is accepted). Only the host and the lookup are ours.
 */
function socketOptions(options: ClientRequestArgs, lookup: LookupFunction): TcpNetConnectOpts & ConnectionOptions {
  return { ...(options as TcpNetConnectOpts & ConnectionOptions), host: hostOf(options), lookup };
}

function hostOf(options: ClientRequestArgs): string {
  return options.host ?? options.hostname ?? 'localhost';
}

function failConnection(error: Error, callback: ConnectionCallback | undefined): undefined {
  if (!callback) throw error;
  // Node's agent ignores the stream when an error is given; its typings ask for one regardless.
  callback(error, undefined as unknown as Duplex);
  return undefined;
}
