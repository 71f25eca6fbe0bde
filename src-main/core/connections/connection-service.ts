import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  CONNECTION_PROVIDERS,
  type CertificateInfoDto,
  type ConnectionDto,
  type ConnectionProvider,
  type ConnectionTestDto,
  type CredentialProtectionDto,
  type ProviderAvailabilityDto,
} from '../../../src-shared/domain';
import type { CredentialVault } from '../credentials/credential-vault';
import { AppError, isAppError, notFound } from '../errors';
import type { Clock, Logger } from '../ports';
import type { OAuthAccount, OAuthClient, OAuthTokens } from '../oauth/oauth-client';
import { normalizeSha256Fingerprint } from '../net/certificate-fingerprint';
import { probeCertificate } from '../net/probe-certificate';
import { parseServerUrl } from '../net/url-policy';
import { isCloudConnectionError, REAUTH_MESSAGE } from '../storage/backend-errors';
import type { StorageBackend } from '../storage/storage-backend';
import type { EventBus } from '../util/event-bus';
import type { VaultSettings } from '../vault/vault-settings';
import { connectionToDto, type ConnectionRepository, type ConnectionRow } from './connection-repository';
import { guardBackend } from './guarded-backend';
import type { NetworkContext, ProviderAdapter } from './provider-adapter';

export interface ConnectionServiceDeps {
  readonly db: Database;
  readonly connections: ConnectionRepository;
  readonly credentials: CredentialVault;
  readonly settings: VaultSettings;
  readonly adapters: readonly ProviderAdapter[];
  readonly events: EventBus;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly net: NetworkContext;
}

/** Refresh before an upload when the access token has less than this left: an upload cannot be replayed. */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

type DisconnectMode = 'delete-from-server' | 'keep-listed' | 'forget';

/**
 * Owns connections: connecting (validate, health-check, seal credentials),
 * status, re-authentication, rename, disconnect. Backends are created here,
 * one instance per connection, wrapped so auth failures come back to this service.
 */
export class ConnectionService {
  private readonly adapters = new Map<ConnectionProvider, ProviderAdapter>();
  private readonly backends = new Map<string, StorageBackend>();
  /** Current OAuth tokens per connection, and how many times they were replaced. */
  private readonly tokens = new Map<string, { tokens: OAuthTokens; generation: number }>();
  private readonly refreshing = new Map<string, Promise<void>>();

  constructor(private readonly deps: ConnectionServiceDeps) {
    for (const adapter of deps.adapters) this.adapters.set(adapter.provider, adapter);
  }

  list(): ConnectionDto[] {
    return this.deps.connections.list().map((row) => this.toDto(row));
  }

  get(id: string): ConnectionDto {
    return this.toDto(this.require(id));
  }

  protectionStatus(): CredentialProtectionDto {
    const protection = this.deps.credentials.protection;
    if (protection === 'os-keychain') {
      return { protection, consentRequired: false, message: "Passwords are protected by your system's keychain." };
    }
    return {
      protection,
      consentRequired: this.deps.settings.get('weak_secret_protection_consent') !== protection,
      message:
        "Your system's keychain is not available, so DocuVault would protect passwords with a key stored in a file only your user account can read. Anyone who can read your files could read them.",
    };
  }

  acceptWeakProtection(): CredentialProtectionDto {
    this.deps.settings.set('weak_secret_protection_consent', this.deps.credentials.protection);
    return this.protectionStatus();
  }

  /** The provider's sign-in client, for providers people connect through the browser. */
  oauthClient(provider: ConnectionProvider): OAuthClient {
    const client = this.adapters.get(provider)?.oauth?.client;
    if (!client) throw new AppError('UNSUPPORTED', 'This kind of connection is not available in this build.');
    return client;
  }

  /** Looks at a server's TLS certificate so the connect form can offer to trust a private one. */
  async probeCertificate(input: string): Promise<CertificateInfoDto> {
    const url = parseServerUrl(input);
    const probe = await probeCertificate(url, {
      strict: this.deps.net.strictUrlPolicy,
      ...(this.deps.net.lookup ? { lookup: this.deps.net.lookup } : {}),
      ...(this.deps.net.ca ? { ca: this.deps.net.ca } : {}),
    });
    return {
      trusted: probe.trusted,
      fingerprintSha256: probe.fingerprintSha256,
      subject: probe.subject,
      issuer: probe.issuer,
      validFrom: probe.validFrom,
      validTo: probe.validTo,
    };
  }

  /** Validates, checks the server, stores sealed credentials; nothing is stored when any step fails. */
  async connect(provider: ConnectionProvider, input: Record<string, unknown>): Promise<ConnectionDto> {
    const adapter = this.adapter(provider);
    if (this.protectionStatus().consentRequired) {
      throw new AppError('VALIDATION', `${this.protectionStatus().message} Confirm in Settings to continue.`);
    }
    const prepared = await adapter.prepare(input, this.deps.net);
    const backend = adapter.createBackend(prepared.settings, prepared.secret, this.deps.net);
    await this.checkReachable(backend, 'connect');
    await adapter.afterConnect?.(backend);
    const id = randomUUID();
    const sealed = await this.deps.credentials.seal(id, prepared.secret);
    const now = this.now();
    const label = typeof input.label === 'string' && input.label.trim() ? input.label.trim() : prepared.defaultLabel;
    this.deps.connections.insert({
      id,
      provider,
      label,
      account: prepared.account,
      status: 'ACTIVE',
      last_error: null,
      settings_json: JSON.stringify(prepared.settings),
      credentials: sealed.ciphertext,
      cipher: sealed.cipherId,
      quota_bytes: typeof input.quotaBytes === 'number' ? input.quotaBytes : null,
      created_at: now,
      updated_at: now,
    });
    this.changed();
    return this.get(id);
  }

  /** Which providers can be connected in this build, and why not. */
  providers(): ProviderAvailabilityDto[] {
    return CONNECTION_PROVIDERS.map((provider) => {
      const adapter = this.adapters.get(provider);
      if (!adapter) return { provider, available: false, reason: 'This kind of connection is not available in this build.' };
      const problem = adapter.oauth?.client.configurationProblem() ?? null;
      return { provider, available: problem === null, reason: problem };
    });
  }

  /** New credentials for an existing connection: its folders and documents stay. */
  async reconnect(id: string, credentials: Record<string, string>, trustedCertificateSha256?: string): Promise<ConnectionDto> {
    const row = this.require(id);
    const adapter = this.adapter(row.provider);
    const stored = JSON.parse(row.settings_json) as Record<string, unknown>;
    // A renewed certificate the person looked at and trusted replaces the old pin.
    const settings = trustedCertificateSha256 ? { ...stored, pinnedCertificateSha256: normalizeSha256Fingerprint(trustedCertificateSha256) } : stored;
    const current = await this.openSecret(row).catch(() => ({}));
    const next = adapter.reconnect(settings, current, credentials);
    const backend = adapter.createBackend(next.settings, next.secret, this.deps.net);
    await this.checkReachable(backend, 'reconnect');
    const sealed = await this.deps.credentials.seal(id, next.secret);
    const now = this.now();
    this.deps.db.transaction(() => {
      this.deps.connections.setSettings(id, JSON.stringify(next.settings), next.account, now);
      this.deps.connections.setCredentials(id, sealed.ciphertext, sealed.cipherId, now);
      this.deps.connections.setStatus(id, 'ACTIVE', null, now);
    })();
    this.backends.delete(id);
    this.tokens.delete(id);
    this.changed();
    return this.get(id);
  }

  rename(id: string, label: string): ConnectionDto {
    this.require(id);
    this.deps.connections.rename(id, label.trim(), this.now());
    this.changed();
    return this.get(id);
  }

  setQuota(id: string, quotaBytes: number | null): ConnectionDto {
    this.require(id);
    this.deps.connections.setQuota(id, quotaBytes, this.now());
    this.changed();
    return this.get(id);
  }

  /** Health check through the connection's own backend; records the outcome as its status. */
  async test(id: string): Promise<ConnectionTestDto> {
    const row = this.require(id);
    if (row.status === 'REQUIRES_REAUTH' || row.status === 'DISCONNECTED') {
      return { ok: false, message: REAUTH_MESSAGE, freeBytes: null };
    }
    try {
      const backend = await this.backendFor(id);
      const health = await backend.healthCheck();
      this.deps.connections.setStatus(id, health.ok ? 'ACTIVE' : 'ERROR', health.ok ? null : health.message, this.now());
      this.changed();
      return { ok: health.ok, message: health.message, freeBytes: health.freeBytes };
    } catch (error) {
      const message = isAppError(error) ? error.message : 'The server could not be checked.';
      if (this.require(id).status !== 'REQUIRES_REAUTH') this.deps.connections.setStatus(id, 'ERROR', message, this.now());
      this.changed();
      return { ok: false, message, freeBytes: null };
    }
  }

  /**
   * The usable backend of a connection, for the registry. Fails fast, without
   * contacting the server, when the connection needs re-authentication.
   */
  async backendFor(id: string): Promise<StorageBackend> {
    const row = this.deps.connections.get(id);
    if (!row) throw notFound('The connection');
    if (row.status === 'REQUIRES_REAUTH' || row.status === 'DISCONNECTED' || !row.credentials) {
      throw new AppError('REAUTH_REQUIRED', REAUTH_MESSAGE);
    }
    const cached = this.backends.get(id);
    if (cached) return cached;
    const adapter = this.adapter(row.provider);
    let secret: unknown;
    try {
      secret = await this.openSecret(row);
    } catch {
      // The keyring changed or the row was tampered with: ask the person to reconnect, never crash.
      this.markReauth(id, 'Stored credentials could not be read on this computer.');
      throw new AppError('REAUTH_REQUIRED', REAUTH_MESSAGE);
    }
    const oauth = adapter.oauth;
    if (oauth) this.tokens.set(id, { tokens: secret as OAuthTokens, generation: (this.tokens.get(id)?.generation ?? 0) + 1 });
    const auth = { accessToken: () => this.tokens.get(id)?.tokens.accessToken ?? '' };
    const backend = guardBackend(adapter.createBackend(JSON.parse(row.settings_json), secret, this.deps.net, auth), {
      isUsable: () => {
        const status = this.deps.connections.get(id)?.status;
        return status === 'ACTIVE' || status === 'ERROR';
      },
      onReauthRequired: (reason) => this.markReauth(id, reason),
      refreshToken: oauth ? (seen) => this.refreshTokens(id, oauth.client, seen) : null,
      tokenGeneration: () => this.tokens.get(id)?.generation ?? 0,
      beforePut: oauth ? () => this.refreshIfExpiring(id, oauth.client) : undefined,
    });
    this.backends.set(id, backend);
    return backend;
  }

  async disconnect(id: string, mode: DisconnectMode): Promise<{ deletedDocuments: number }> {
    const row = this.require(id);
    if (this.deps.connections.hasUploading(id)) {
      throw new AppError('CONFLICT', 'Documents are still uploading to this connection. Wait for them to finish or cancel them.');
    }
    let deletedDocuments = 0;
    if (mode === 'delete-from-server') {
      const backend = await this.backendFor(id);
      for (const document of this.deps.connections.readyDocuments(id)) {
        await backend.delete(document.object_key);
        this.deps.db.prepare('DELETE FROM documents WHERE id = ?').run(document.id);
        deletedDocuments++;
      }
    }
    this.backends.delete(id);
    this.tokens.delete(id);
    if (mode === 'keep-listed') {
      const now = this.now();
      this.deps.db.transaction(() => {
        this.deps.connections.setCredentials(id, null, null, now);
        this.deps.connections.setStatus(id, 'DISCONNECTED', null, now);
      })();
    } else {
      this.deps.connections.deleteWithContents(row.id);
    }
    this.changed();
    this.deps.events.emit('folders:changed', {});
    this.deps.events.emit('documents:changed', { folderIds: [] });
    return { deletedDocuments };
  }

  /** Creates a connection from a completed browser sign-in (Google Drive, OneDrive). */
  async createFromSignIn(provider: ConnectionProvider, tokens: OAuthTokens, account: OAuthAccount): Promise<ConnectionDto> {
    const adapter = this.adapter(provider);
    if (!adapter.oauth) throw new AppError('UNSUPPORTED', 'This kind of connection does not sign in through the browser.');
    const prepared = adapter.oauth.fromSignIn(tokens, account);
    const id = randomUUID();
    const backend = adapter.createBackend(prepared.settings, tokens, this.deps.net, { accessToken: () => tokens.accessToken });
    await this.checkReachable(backend, 'connect');
    await adapter.afterConnect?.(backend);
    const sealed = await this.deps.credentials.seal(id, tokens);
    const now = this.now();
    this.deps.connections.insert({
      id,
      provider,
      label: prepared.defaultLabel,
      account: prepared.account,
      status: 'ACTIVE',
      last_error: null,
      settings_json: JSON.stringify(prepared.settings),
      credentials: sealed.ciphertext,
      cipher: sealed.cipherId,
      quota_bytes: null,
      created_at: now,
      updated_at: now,
    });
    this.changed();
    return this.get(id);
  }

  /** Restores a connection after a new sign-in; refuses another account, whose drive would not hold these documents. */
  async reconnectFromSignIn(id: string, tokens: OAuthTokens, account: OAuthAccount): Promise<ConnectionDto> {
    const row = this.require(id);
    const adapter = this.adapter(row.provider);
    if (!adapter.oauth) throw new AppError('UNSUPPORTED', 'This connection does not sign in through the browser.');
    const settings = JSON.parse(row.settings_json) as unknown;
    if (adapter.oauth.accountId(settings) !== account.id) {
      throw new AppError(
        'VALIDATION',
        `You signed in as ${account.email ?? account.name ?? 'another account'}, but this connection belongs to ${row.account}. Sign in with that account.`,
      );
    }
    const sealed = await this.deps.credentials.seal(id, tokens);
    const now = this.now();
    this.deps.db.transaction(() => {
      this.deps.connections.setCredentials(id, sealed.ciphertext, sealed.cipherId, now);
      this.deps.connections.setStatus(id, 'ACTIVE', null, now);
    })();
    this.backends.delete(id);
    this.tokens.delete(id);
    this.changed();
    return this.get(id);
  }

  /**
   * One refresh per expiry, however many calls hit it at once. A caller whose
   * token was already replaced while it waited just retries with the new one.
   */
  private refreshTokens(id: string, client: OAuthClient, seenGeneration: number): Promise<void> {
    const current = this.tokens.get(id);
    if (current && current.generation > seenGeneration) return Promise.resolve();
    const inFlight = this.refreshing.get(id);
    if (inFlight) return inFlight;
    const refresh = (async () => {
      const before = this.tokens.get(id);
      if (!before) throw new AppError('REAUTH_REQUIRED', REAUTH_MESSAGE);
      try {
        const next = await client.refresh(before.tokens);
        const sealed = await this.deps.credentials.seal(id, next);
        this.deps.connections.setCredentials(id, sealed.ciphertext, sealed.cipherId, this.now());
        this.tokens.set(id, { tokens: next, generation: before.generation + 1 });
      } catch (error) {
        if (isCloudConnectionError(error)) this.markReauth(id, `The sign-in is no longer valid (${error.reason}).`);
        throw error;
      }
    })().finally(() => this.refreshing.delete(id));
    this.refreshing.set(id, refresh);
    return refresh;
  }

  private async refreshIfExpiring(id: string, client: OAuthClient): Promise<void> {
    const current = this.tokens.get(id);
    if (current && current.tokens.expiresAt - this.now() < TOKEN_REFRESH_MARGIN_MS) {
      await this.refreshTokens(id, client, current.generation);
    }
  }

  private markReauth(id: string, reason: string): void {
    this.backends.delete(id);
    this.tokens.delete(id);
    this.deps.connections.setStatus(id, 'REQUIRES_REAUTH', reason, this.now());
    this.deps.logger.log('warn', 'connection requires re-authentication', { connectionId: id });
    this.changed();
  }

  private async checkReachable(backend: StorageBackend, action: 'connect' | 'reconnect'): Promise<void> {
    let health;
    try {
      health = await backend.healthCheck();
    } catch (error) {
      if (isAppError(error) && error.code === 'REAUTH_REQUIRED') {
        throw new AppError('VALIDATION', 'The server refused these credentials. Check the user name and password or keys.');
      }
      if (isAppError(error)) throw error;
      throw new AppError('BACKEND_UNAVAILABLE', `DocuVault could not ${action}: the server did not answer as expected.`);
    }
    if (!health.ok) throw new AppError('BACKEND_UNAVAILABLE', health.message);
  }

  private openSecret(row: ConnectionRow): Promise<unknown> {
    if (!row.credentials || !row.cipher) return Promise.reject(new Error('no credentials'));
    return this.deps.credentials.open(row.id, { ciphertext: row.credentials, cipherId: row.cipher });
  }

  private adapter(provider: ConnectionProvider): ProviderAdapter {
    const adapter = this.adapters.get(provider);
    if (!adapter) throw new AppError('UNSUPPORTED', 'This kind of connection is not available in this build.');
    return adapter;
  }

  private require(id: string): ConnectionRow {
    const row = this.deps.connections.get(id);
    if (!row) throw notFound('The connection');
    return row;
  }

  private toDto(row: ConnectionRow): ConnectionDto {
    const adapter = this.adapters.get(row.provider);
    const settings = JSON.parse(row.settings_json) as unknown;
    return connectionToDto(row, this.deps.connections.counts(row.id), adapter ? adapter.publicSettings(settings) : {});
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private changed(): void {
    this.deps.events.emit('connections:changed', {});
  }
}
