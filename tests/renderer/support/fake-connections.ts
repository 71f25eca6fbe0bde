import type { EventMap, EventName, ParsedInput } from '../../../src-shared/contract';
import type {
  CertificateInfoDto,
  ConnectionDto,
  ConnectionProvider,
  CredentialProtectionDto,
  DocumentDto,
  FolderDto,
  LoginAttemptDto,
  ProviderAvailabilityDto,
} from '../../../src-shared/domain';
import type { ErrorCode } from '../../../src-shared/errors';
import { fail, ok, type Result } from '../../../src-shared/result';

/**
 * Cloud connections for the fake bridge: what main's connection service and
 * browser sign-in do, in memory. It answers with main's own sentences where the
 * window shows them (consent, certificate, unsupported providers), so tests
 * read like the product.
 */

/** What the connections need from the rest of the fake vault. */
export interface FakeVaultPort {
  folders(): readonly FolderDto[];
  documents(): readonly DocumentDto[];
  removeFolders(ids: ReadonlySet<string>): void;
  removeDocuments(ids: ReadonlySet<string>): void;
  emitLater<E extends EventName>(event: E, payload: EventMap[E]): void;
  nextId(space: string): string;
}

export const KEYCHAIN_PROTECTION: CredentialProtectionDto = {
  protection: 'os-keychain',
  consentRequired: false,
  message: "Passwords are protected by your system's keychain.",
};

export const WEAK_PROTECTION_MESSAGE =
  "Your system's keychain is not available, so DocuVault would protect passwords with a key stored in a file only your user account can read. Anyone who can read your files could read them.";

export const SHARE_UNSUPPORTED = 'Share links are available for documents stored on S3-compatible storage.';

type OAuthProvider = 'google_drive' | 'onedrive';

interface Attempt {
  readonly attemptId: string;
  readonly provider: OAuthProvider | 'nextcloud';
  readonly reconnectId: string | null;
  readonly serverUrl: string | null;
  readonly label: string | null;
}

class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export class FakeConnections {
  private list: ConnectionDto[] = [];
  protection: CredentialProtectionDto = KEYCHAIN_PROTECTION;
  /** Certificates servers present, by host; a host not listed has a publicly trusted one. */
  readonly certificates = new Map<string, CertificateInfoDto>();
  /** Providers this "build" has no client id for, with main's sentence. */
  readonly unavailableSignIn = new Map<OAuthProvider | 'nextcloud', string>();
  readonly attempts = new Map<string, Attempt>();

  constructor(private readonly vault: FakeVaultPort) {}

  // ---- seeding -------------------------------------------------------------------

  add(partial: Partial<ConnectionDto> & { label: string; provider: ConnectionProvider }): ConnectionDto {
    const connection: ConnectionDto = {
      id: this.vault.nextId('c'),
      account: 'alice',
      status: 'ACTIVE',
      lastError: null,
      settings: {},
      quotaBytes: null,
      folderCount: 0,
      documentCount: 0,
      createdAt: new Date(Date.UTC(2025, 0, 15)).toISOString(),
      ...partial,
    };
    this.list.push(connection);
    return connection;
  }

  setStatus(id: string, status: ConnectionDto['status'], lastError: string | null = null): void {
    this.replace(id, { status, lastError });
    this.changed();
  }

  requireConsent(): void {
    this.protection = { protection: 'app-key', consentRequired: true, message: WEAK_PROTECTION_MESSAGE };
  }

  /** A server whose certificate the system does not trust. */
  presentPrivateCertificate(url: string, fingerprintSha256: string): CertificateInfoDto {
    const info: CertificateInfoDto = {
      trusted: false,
      fingerprintSha256,
      subject: `CN=${new URL(url).hostname}`,
      issuer: `CN=${new URL(url).hostname}`,
      validFrom: '2025-01-01T00:00:00.000Z',
      validTo: '2027-01-01T00:00:00.000Z',
    };
    this.certificates.set(hostOf(url), info);
    return info;
  }

  find(id: string): ConnectionDto | undefined {
    return this.all().find((c) => c.id === id);
  }

  /** The connections with their counts as main would compute them. */
  all(): ConnectionDto[] {
    const folders = this.vault.folders();
    const documents = this.vault.documents();
    return this.list.map((c) => ({
      ...c,
      folderCount: folders.filter((f) => f.connectionId === c.id).length,
      documentCount: documents.filter((d) => d.connectionId === c.id).length,
    }));
  }

  statusOf(connectionId: string | null): ConnectionDto['status'] | null {
    return connectionId ? (this.list.find((c) => c.id === connectionId)?.status ?? null) : null;
  }

  /**
   * The person finished in their browser: the attempt makes (or restores) its
   * connection, or ends with an error; announced like main does.
   */
  finishLogin(attemptId: string, outcome: { error?: { code: string; message: string }; account?: string } = {}): ConnectionDto | null {
    const attempt = this.attempts.get(attemptId);
    if (!attempt) throw new Error(`No sign-in attempt ${attemptId}`);
    this.attempts.delete(attemptId);
    if (outcome.error) {
      this.vault.emitLater('connections:login-finished', { attemptId, connection: null, error: outcome.error });
      return null;
    }
    let connection: ConnectionDto;
    if (attempt.reconnectId) {
      this.replace(attempt.reconnectId, { status: 'ACTIVE', lastError: null });
      connection = this.find(attempt.reconnectId)!;
    } else if (attempt.provider === 'nextcloud') {
      connection = this.add({
        provider: 'nextcloud',
        label: attempt.label ?? hostOf(attempt.serverUrl ?? ''),
        account: outcome.account ?? 'alice',
        settings: { serverUrl: attempt.serverUrl },
      });
    } else {
      const name = attempt.provider === 'google_drive' ? 'Google Drive' : 'OneDrive';
      connection = this.add({ provider: attempt.provider, label: name, account: outcome.account ?? 'alice@example.com' });
    }
    this.changed();
    this.vault.emitLater('connections:login-finished', { attemptId, connection: this.find(connection.id)!, error: null });
    return connection;
  }

  // ---- handlers ------------------------------------------------------------------

  readonly handlers = {
    'connections:list': () => this.all(),
    // As main answers: every provider; Google Drive and OneDrive unavailable where this "build" has no client id.
    'connections:providers': (): ProviderAvailabilityDto[] =>
      (['s3', 'webdav', 'nextcloud', 'google_drive', 'onedrive'] as const).map((provider) => {
        const reason = provider === 'google_drive' || provider === 'onedrive' ? (this.unavailableSignIn.get(provider) ?? null) : null;
        return { provider, available: reason === null, reason };
      }),
    'connections:connect-webdav': (input: ParsedInput<'connections:connect-webdav'>) =>
      this.attempt(() =>
        this.connect('webdav', input.url, input.trustedCertificateSha256, {
          label: input.label ?? hostOf(input.url),
          account: input.username,
          settings: { url: input.url },
        }),
      ),
    'connections:connect-nextcloud': (input: ParsedInput<'connections:connect-nextcloud'>) =>
      this.attempt(() =>
        this.connect('nextcloud', input.serverUrl, input.trustedCertificateSha256, {
          label: input.label ?? hostOf(input.serverUrl),
          account: input.loginName,
          settings: { serverUrl: input.serverUrl },
        }),
      ),
    'connections:connect-s3': (input: ParsedInput<'connections:connect-s3'>) =>
      this.attempt(() =>
        this.connect('s3', input.endpoint, input.trustedCertificateSha256, {
          label: input.label ?? input.bucket,
          account: input.accessKeyId,
          settings: { endpoint: input.endpoint, bucket: input.bucket, region: input.region, prefix: input.prefix ?? null },
          quotaBytes: input.quotaBytes,
        }),
      ),
    'connections:nextcloud-login': (input: ParsedInput<'connections:nextcloud-login'>) =>
      this.attempt((): LoginAttemptDto => {
        const unavailable = this.unavailableSignIn.get('nextcloud');
        if (unavailable) throw new Refusal('UNSUPPORTED', unavailable);
        this.assertConsent();
        this.assertCertificate(input.serverUrl, input.trustedCertificateSha256);
        return this.startAttempt({ provider: 'nextcloud', reconnectId: null, serverUrl: input.serverUrl, label: input.label ?? null });
      }),
    'connections:connect-oauth': (input: ParsedInput<'connections:connect-oauth'>) =>
      this.attempt((): LoginAttemptDto => {
        const unavailable = this.unavailableSignIn.get(input.provider);
        if (unavailable) throw new Refusal('UNSUPPORTED', unavailable);
        this.assertConsent();
        if (input.reconnectId) this.require(input.reconnectId);
        return this.startAttempt({ provider: input.provider, reconnectId: input.reconnectId ?? null, serverUrl: null, label: null });
      }),
    'connections:cancel-login': ({ attemptId }: ParsedInput<'connections:cancel-login'>) => {
      const cancelled = this.attempts.delete(attemptId);
      if (cancelled) {
        this.vault.emitLater('connections:login-finished', {
          attemptId,
          connection: null,
          error: { code: 'CANCELLED', message: 'The sign-in was cancelled.' },
        });
      }
      return { cancelled };
    },
    'connections:probe-certificate': ({ url }: ParsedInput<'connections:probe-certificate'>) =>
      this.attempt((): CertificateInfoDto => {
        if (!/^https:\/\//i.test(url)) throw new Refusal('VALIDATION', 'Only https:// servers have a certificate to check.');
        return (
          this.certificates.get(hostOf(url)) ?? {
            trusted: true,
            fingerprintSha256: Array.from({ length: 32 }, () => 'AB').join(':'),
            subject: `CN=${new URL(url).hostname}`,
            issuer: 'CN=Public CA',
            validFrom: '2025-01-01T00:00:00.000Z',
            validTo: '2026-01-01T00:00:00.000Z',
          }
        );
      }),
    'connections:test': ({ id }: ParsedInput<'connections:test'>) =>
      this.attempt(() => {
        const connection = this.require(id);
        if (connection.status === 'REQUIRES_REAUTH' || connection.status === 'DISCONNECTED') {
          return { ok: false, message: 'Reconnect this connection to use it again.', freeBytes: null };
        }
        return { ok: true, message: 'The server answered.', freeBytes: 5_000_000_000 };
      }),
    'connections:rename': ({ id, label }: ParsedInput<'connections:rename'>) =>
      this.attempt(() => {
        this.require(id);
        this.replace(id, { label });
        this.changed();
        return this.find(id)!;
      }),
    'connections:set-quota': ({ id, quotaBytes }: ParsedInput<'connections:set-quota'>) =>
      this.attempt(() => {
        this.require(id);
        this.replace(id, { quotaBytes });
        this.changed();
        return this.find(id)!;
      }),
    'connections:reconnect': ({ id }: ParsedInput<'connections:reconnect'>) =>
      this.attempt(() => {
        this.require(id);
        this.assertConsent();
        this.replace(id, { status: 'ACTIVE', lastError: null });
        this.changed();
        return this.find(id)!;
      }),
    'connections:disconnect': ({ id, documents }: ParsedInput<'connections:disconnect'>) =>
      this.attempt(() => {
        const connection = this.require(id);
        const theirs = this.vault.documents().filter((d) => d.connectionId === id);
        if (documents === 'delete-from-server' && connection.status !== 'ACTIVE' && connection.status !== 'ERROR') {
          throw new Refusal('REAUTH_REQUIRED', 'Reconnect this connection to use it again.');
        }
        if (documents === 'keep-listed') {
          this.replace(id, { status: 'DISCONNECTED', lastError: null });
        } else {
          this.vault.removeDocuments(new Set(theirs.map((d) => d.id)));
          this.vault.removeFolders(new Set(this.vault.folders().filter((f) => f.connectionId === id).map((f) => f.id)));
          this.list = this.list.filter((c) => c.id !== id);
        }
        this.changed();
        this.vault.emitLater('folders:changed', {});
        this.vault.emitLater('documents:changed', { folderIds: [] });
        return { deletedDocuments: documents === 'delete-from-server' ? theirs.length : 0 };
      }),
    'credentials:status': () => this.protection,
    'credentials:consent': () => {
      this.protection = { ...this.protection, consentRequired: false };
      return this.protection;
    },
  };

  /** Everything goes, as main's "Remove all DocuVault data" does. */
  removeAll(deleteFromServers: boolean): { deletedFromServers: number; failedConnections: string[] } {
    const documents = this.vault.documents();
    let deletedFromServers = 0;
    const failedConnections: string[] = [];
    for (const connection of this.list) {
      if (!deleteFromServers) continue;
      if (connection.status === 'ACTIVE' || connection.status === 'ERROR') {
        deletedFromServers += documents.filter((d) => d.connectionId === connection.id).length;
      } else {
        failedConnections.push(connection.label);
      }
    }
    this.list = [];
    this.changed();
    return { deletedFromServers, failedConnections };
  }

  // ---- internals -----------------------------------------------------------------

  private attempt<T>(work: () => T): Result<T> {
    try {
      return ok(work());
    } catch (error) {
      if (error instanceof Refusal) return fail(error.code, error.message);
      throw error;
    }
  }

  private connect(
    provider: ConnectionProvider,
    url: string,
    trusted: string | undefined,
    fields: Pick<ConnectionDto, 'label' | 'account' | 'settings'> & { quotaBytes?: number | null },
  ): ConnectionDto {
    this.assertConsent();
    this.assertCertificate(url, trusted);
    const connection = this.add({ provider, ...fields, quotaBytes: fields.quotaBytes ?? null });
    this.changed();
    return this.find(connection.id)!;
  }

  /** Main refuses to store a secret before the person agreed to weaker protection. */
  private assertConsent(): void {
    if (this.protection.consentRequired) {
      throw new Refusal('VALIDATION', `${this.protection.message} Confirm in Settings to continue.`);
    }
  }

  /** A private certificate is only accepted when exactly its fingerprint was trusted. */
  private assertCertificate(url: string, trusted: string | undefined): void {
    const certificate = this.certificates.get(hostOf(url));
    if (!certificate || certificate.trusted) return;
    if (trusted !== certificate.fingerprintSha256) {
      throw new Refusal('BACKEND_UNAVAILABLE', `DocuVault could not connect: ${hostOf(url)} presented a certificate that is not trusted.`);
    }
  }

  private startAttempt(attempt: Omit<Attempt, 'attemptId'>): LoginAttemptDto {
    const attemptId = this.vault.nextId('a');
    this.attempts.set(attemptId, { attemptId, ...attempt });
    const loginUrl =
      attempt.provider === 'nextcloud'
        ? `${attempt.serverUrl}/login/v2/flow/${attemptId}`
        : `https://login.example.com/${attempt.provider}/authorize?state=${attemptId}`;
    return { attemptId, loginUrl };
  }

  private require(id: string): ConnectionDto {
    const connection = this.find(id);
    if (!connection) throw new Refusal('NOT_FOUND', 'The connection no longer exists.');
    return connection;
  }

  private replace(id: string, change: Partial<ConnectionDto>): void {
    this.list = this.list.map((c) => (c.id === id ? { ...c, ...change } : c));
  }

  private changed(): void {
    this.vault.emitLater('connections:changed', {});
  }
}
