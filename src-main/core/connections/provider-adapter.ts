import type { ConnectionProvider, StorageBackendKind } from '../../../src-shared/domain';
import type { HostLookup } from '../net/host-lookup';
import type { OAuthAccount, OAuthClient, OAuthTokens } from '../oauth/oauth-client';
import type { StorageBackend } from '../storage/storage-backend';
import type { PublicSettings } from './connection-repository';

/** What a provider needs to reach the network safely (URL policy, pinned certificates). */
export interface NetworkContext {
  /** True in the strict mode that refuses private and loopback servers. */
  readonly strictUrlPolicy: boolean;
  /** Resolver instead of the system's (tests map names to chosen addresses). */
  readonly lookup?: HostLookup;
  /** Extra root certificates to trust (a company CA; a CA made at test time). */
  readonly ca?: readonly string[];
}

export interface BackendAuth {
  accessToken(): string;
}

/** What connecting produced: stored apart, settings in clear, the secret sealed. */
export interface PreparedConnection<Settings, Secret> {
  readonly settings: Settings;
  readonly secret: Secret;
  readonly account: string;
  readonly defaultLabel: string;
}

/**
 * Everything provider-specific about connections, so the service stays generic:
 * validating the person's input (before any traffic), building a backend from
 * stored settings and secret, and what may be shown about it.
 */
export interface ProviderAdapter<Settings = unknown, Secret = unknown> {
  readonly provider: ConnectionProvider;
  readonly backendKind: StorageBackendKind;
  /** Validates and normalises connect input; applies the URL policy. Sends nothing to the server. */
  prepare(input: unknown, net: NetworkContext): Promise<PreparedConnection<Settings, Secret>>;
  /** Merges new credentials given on reconnect into the stored secret (and settings, e.g. a changed login). */
  reconnect(settings: Settings, secret: Secret, credentials: Record<string, string>): { settings: Settings; secret: Secret; account: string };
  /** `auth` gives OAuth backends the current access token, which the connections service owns and refreshes. */
  createBackend(settings: Settings, secret: Secret, net: NetworkContext, auth?: BackendAuth): StorageBackend;
  /** Present for providers people connect by signing in through the browser. */
  readonly oauth?: {
    readonly client: OAuthClient;
    /** Settings and label for a new connection from a completed sign-in; the secret is the tokens. */
    fromSignIn(tokens: OAuthTokens, account: OAuthAccount): PreparedConnection<Settings, Secret>;
    /** The provider account id a connection belongs to, so a reconnect with another account is refused. */
    accountId(settings: Settings): string;
  };
  /** Runs once after a successful health check on connect (e.g. create the DocuVault root folder). */
  afterConnect?(backend: StorageBackend): Promise<void>;
  publicSettings(settings: Settings): PublicSettings;
}
