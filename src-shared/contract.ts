import { z } from 'zod';
import { CHANNEL_NAME_LIST, EVENT_NAME_LIST, MAX_BYTES_SOURCE, MAX_LISTED_IDS, type ChannelNameFromList, type EventNameFromList } from './channel-names';
import type {
  CertificateInfoDto,
  ConnectionDto,
  ConnectionTestDto,
  CredentialProtectionDto,
  DocumentContentDto,
  ProviderAvailabilityDto,
  DocumentDto,
  DocumentPage,
  ExportResultDto,
  FolderDto,
  LoginAttemptDto,
  LoginFinishedEvent,
  ShareLinkDto,
  UploadBatchDto,
  UploadProgressEvent,
  VaultInfoDto,
} from './domain';

/**
 * The IPC contract: every channel with its input schema and output type.
 * Main parses every input with these schemas before doing any work;
 * the renderer gets the types for free. The contract is a type.
 */

const Id = z.uuid({ message: 'Expected an id' });

/** A person-given name: non-empty after trimming, bounded. Sanitising happens in the core. */
const DisplayName = z
  .string()
  .max(1024, { message: 'Name is too long (1,024 characters at most)' })
  .refine((s) => s.trim().length > 0, { message: 'Name cannot be empty' });

const Empty = z.strictObject({});

export { MAX_BYTES_SOURCE } from './channel-names';

export const UploadSourceSchema = z.discriminatedUnion('kind', [
  /** A file on disk: from a drop (the preload resolves the path) or a native picker in main. */
  z.strictObject({ kind: z.literal('path'), path: z.string().min(1).max(32_767) }),
  /** A file without a path (dragged from a web page): its bytes travel with the call. */
  z.strictObject({
    kind: z.literal('bytes'),
    name: DisplayName,
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_BYTES_SOURCE, {
      message: 'File is too large to send without a path',
    }),
  }),
  /** A stream the transport registered for this request (the browser preview streams uploads). */
  z.strictObject({
    kind: z.literal('stream'),
    ref: z.string().min(1).max(128),
    name: DisplayName,
    size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  }),
]);
export type UploadSource = z.input<typeof UploadSourceSchema>;

export const SORT_KEYS = ['name', 'size', 'createdAt'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const ListDocumentsInput = z.strictObject({
  folderId: Id.optional(),
  search: z.string().max(200).optional(),
  sortBy: z.enum(SORT_KEYS).default('createdAt'),
  sortDir: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().nonnegative().max(10_000_000).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});

/** The ids of one listing's rows, for selecting rows that were never loaded (Select all, Shift+click far away). */
const ListDocumentIdsInput = ListDocumentsInput.extend({
  limit: z.number().int().min(1).max(MAX_LISTED_IDS).default(MAX_LISTED_IDS),
});

const ManyIds = z.array(Id).min(1).max(10_000);

const Label = z.string().trim().min(1, { message: 'Give the connection a name' }).max(100);
const ServerUrl = z.string().trim().min(1, { message: 'Enter the server address' }).max(2048);
const Secret = z.string().min(1, { message: 'This field is required' }).max(4096);
const Fingerprint = z
  .string()
  .regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, { message: 'Expected a SHA-256 certificate fingerprint' });
const Quota = z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable();

const S3Credentials = z.strictObject({ accessKeyId: Secret, secretAccessKey: Secret });
const PasswordCredentials = z.strictObject({ password: Secret });
const AppPasswordCredentials = z.strictObject({ loginName: Secret.optional(), appPassword: Secret });

interface Channel<I extends z.ZodType, O> {
  readonly input: I;
  /** Type-only marker; never read at run time. */
  readonly output?: O;
}

function channel<O>() {
  return <I extends z.ZodType>(input: I): Channel<I, O> => ({ input });
}

export const contract = {
  'folders:list': channel<FolderDto[]>()(Empty),
  /** A top-level folder may live on a connection; a subfolder lives where its parent lives. */
  'folders:create': channel<FolderDto>()(
    z.strictObject({ name: DisplayName, parentId: Id.nullable().default(null), connectionId: Id.nullable().default(null) }),
  ),
  'folders:rename': channel<FolderDto>()(z.strictObject({ id: Id, name: DisplayName })),
  'folders:delete': channel<{ deletedDocuments: number }>()(
    z.strictObject({ id: Id, deleteDocuments: z.boolean().default(false) }),
  ),

  'documents:list': channel<DocumentPage>()(ListDocumentsInput),
  'documents:list-ids': channel<{ ids: string[] }>()(ListDocumentIdsInput),
  'documents:get': channel<DocumentDto>()(z.strictObject({ id: Id })),
  'documents:upload': channel<UploadBatchDto>()(
    z.strictObject({ folderId: Id, sources: z.array(UploadSourceSchema).min(1).max(10_000) }),
  ),
  /** Opens the native file picker in main; an empty batch means the person cancelled. */
  'documents:upload-from-dialog': channel<UploadBatchDto>()(z.strictObject({ folderId: Id })),
  'documents:cancel-upload': channel<{ cancelled: boolean }>()(z.strictObject({ uploadId: Id })),
  'documents:rename': channel<DocumentDto>()(z.strictObject({ id: Id, name: DisplayName })),
  'documents:move': channel<DocumentDto[]>()(z.strictObject({ ids: ManyIds, folderId: Id })),
  'documents:delete': channel<{ deleted: number }>()(z.strictObject({ ids: ManyIds })),
  /** Uploads files the operating system handed to the app (see the `files:offered` event) into a folder. */
  'documents:accept-offered-files': channel<UploadBatchDto>()(z.strictObject({ offerId: Id, folderId: Id })),
  /** Offers announced before the window was listening (a launch with files). */
  'documents:pending-offered-files': channel<Array<{ offerId: string; names: string[] }>>()(Empty),
  'documents:decline-offered-files': channel<{ declined: boolean }>()(z.strictObject({ offerId: Id })),
  /** Asks main for a save location (native dialog), then streams a copy there. */
  'documents:export': channel<ExportResultDto>()(z.strictObject({ id: Id })),
  'documents:content': channel<DocumentContentDto>()(z.strictObject({ id: Id })),
  /** A link anyone can open until it expires (S3 presigned GET); UNSUPPORTED elsewhere. */
  'documents:share-link': channel<ShareLinkDto>()(
    z.strictObject({ id: Id, expiresInSeconds: z.number().int().min(60).max(7 * 24 * 3600) }),
  ),

  'connections:list': channel<ConnectionDto[]>()(Empty),
  /** Which providers this build can connect, and why not where it cannot (e.g. no client id configured). */
  'connections:providers': channel<ProviderAvailabilityDto[]>()(Empty),
  'connections:connect-s3': channel<ConnectionDto>()(
    z.strictObject({
      label: Label.optional(),
      endpoint: ServerUrl,
      region: z.string().trim().min(1).max(64).default('us-east-1'),
      bucket: z.string().trim().min(3, { message: 'Bucket names have at least 3 characters' }).max(63),
      pathStyle: z.boolean().default(true),
      prefix: z.string().trim().max(512).optional(),
      accessKeyId: Secret,
      secretAccessKey: Secret,
      quotaBytes: Quota.default(null),
      trustedCertificateSha256: Fingerprint.optional(),
    }),
  ),
  'connections:connect-webdav': channel<ConnectionDto>()(
    z.strictObject({
      label: Label.optional(),
      url: ServerUrl,
      username: Secret,
      password: Secret,
      trustedCertificateSha256: Fingerprint.optional(),
    }),
  ),
  'connections:connect-nextcloud': channel<ConnectionDto>()(
    z.strictObject({
      label: Label.optional(),
      serverUrl: ServerUrl,
      loginName: Secret,
      appPassword: Secret,
      trustedCertificateSha256: Fingerprint.optional(),
    }),
  ),
  /** Nextcloud Login Flow v2: opens the server's login page in the system browser; the result arrives as an event. */
  'connections:nextcloud-login': channel<LoginAttemptDto>()(
    z.strictObject({
      serverUrl: ServerUrl,
      label: Label.optional(),
      trustedCertificateSha256: Fingerprint.optional(),
      /** Sign in again for an existing connection; its folders and documents stay. */
      reconnectId: Id.optional(),
    }),
  ),
  'connections:cancel-login': channel<{ cancelled: boolean }>()(z.strictObject({ attemptId: Id })),
  /**
   * Google Drive / OneDrive: opens the provider's sign-in page in the system browser
   * (or reconnects an existing connection); the result arrives as `connections:login-finished`.
   */
  'connections:connect-oauth': channel<LoginAttemptDto>()(
    z.strictObject({ provider: z.enum(['google_drive', 'onedrive']), reconnectId: Id.optional() }),
  ),
  /** Looks at a server's TLS certificate so the person can decide to trust a private one. */
  'connections:probe-certificate': channel<CertificateInfoDto>()(z.strictObject({ url: ServerUrl })),
  'connections:test': channel<ConnectionTestDto>()(z.strictObject({ id: Id })),
  'connections:rename': channel<ConnectionDto>()(z.strictObject({ id: Id, label: Label })),
  'connections:set-quota': channel<ConnectionDto>()(z.strictObject({ id: Id, quotaBytes: Quota })),
  /** New credentials for an existing connection; its folders and documents stay. */
  'connections:reconnect': channel<ConnectionDto>()(
    z.strictObject({
      id: Id,
      credentials: z.union([S3Credentials, PasswordCredentials, AppPasswordCredentials]),
      /** Trust a new certificate (e.g. the server's was renewed) for this connection only. */
      trustedCertificateSha256: Fingerprint.optional(),
    }),
  ),
  /**
   * Deletes the credentials. Documents: delete them from the server too, keep them
   * listed as unavailable (reconnect brings them back), or forget them here only.
   */
  'connections:disconnect': channel<{ deletedDocuments: number }>()(
    z.strictObject({ id: Id, documents: z.enum(['delete-from-server', 'keep-listed', 'forget']) }),
  ),

  'credentials:status': channel<CredentialProtectionDto>()(Empty),
  /** The person agrees to store secrets with weaker protection (no OS keychain here). */
  'credentials:consent': channel<CredentialProtectionDto>()(z.strictObject({ accept: z.literal(true) })),

  'vault:info': channel<VaultInfoDto>()(Empty),
  'vault:set-quota': channel<VaultInfoDto>()(z.strictObject({ quotaBytes: Quota })),
  /** Settings → "Remove all DocuVault data": credentials, the local vault and the database. */
  'vault:remove-all-data': channel<{ deletedFromServers: number; failedConnections: string[] }>()(
    z.strictObject({ deleteFromServers: z.boolean() }),
  ),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
/** What a caller sends (defaults may be omitted). */
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What a handler receives after parsing. */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = NonNullable<Contract[C]['output']>;

export const CHANNEL_NAMES: readonly ChannelName[] = CHANNEL_NAME_LIST;

// The zod-free name lists must agree with the contract exactly; a mismatch is a compile error here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelListMatches: Same<ChannelName, ChannelNameFromList> = true;
const eventListMatches: Same<EventName, EventNameFromList> = true;
void channelListMatches;
void eventListMatches;

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

/** Events main pushes to the window. */
export interface EventMap {
  'uploads:progress': UploadProgressEvent;
  /** An empty `folderIds` means any folder may have changed (disconnects, remove all data). */
  'documents:changed': { readonly folderIds: readonly string[] };
  'folders:changed': Record<string, never>;
  'connections:changed': Record<string, never>;
  'connections:login-finished': LoginFinishedEvent;
  /** The operating system handed files to the app; the window asks where to upload them. */
  'files:offered': { readonly offerId: string; readonly names: readonly string[] };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = EVENT_NAME_LIST;
