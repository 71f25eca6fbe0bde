/** Domain values shared by main and renderer. Plain data only: these are structured-cloned. */

export const STORAGE_BACKEND_KINDS = ['local', 's3', 'google_drive', 'onedrive', 'nextcloud', 'webdav'] as const;
export type StorageBackendKind = (typeof STORAGE_BACKEND_KINDS)[number];

export type DocumentStatus = 'uploading' | 'ready';

export const CONNECTION_PROVIDERS = ['s3', 'webdav', 'nextcloud', 'google_drive', 'onedrive'] as const;
export type ConnectionProvider = (typeof CONNECTION_PROVIDERS)[number];

/**
 * ACTIVE: usable. REQUIRES_REAUTH: the server refused our credentials (or they
 * could not be decrypted); nothing is sent until the person reconnects.
 * ERROR: the last check failed for another reason (see lastError).
 * DISCONNECTED: the person disconnected but kept its documents listed.
 */
export type ConnectionStatus = 'ACTIVE' | 'REQUIRES_REAUTH' | 'ERROR' | 'DISCONNECTED';

export interface DocumentDto {
  readonly id: string;
  readonly folderId: string;
  /** Display name as the person gave it (normalised, control characters removed). */
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly backend: StorageBackendKind;
  readonly connectionId: string | null;
  readonly status: DocumentStatus;
  /** False while its connection needs reconnecting or was disconnected: listed, but its bytes cannot be reached. */
  readonly available?: boolean;
  /** ISO-8601 timestamps. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface FolderDto {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly backend: StorageBackendKind;
  readonly connectionId: string | null;
  /** The status of the folder's connection; null for the local vault. */
  readonly connectionStatus?: ConnectionStatus | null;
  /** The built-in "My Vault" folder: always exists, cannot be deleted. */
  readonly isDefault: boolean;
  /** Ready documents directly in this folder. */
  readonly documentCount: number;
  readonly createdAt: string;
}

export interface DocumentPage {
  readonly items: readonly DocumentDto[];
  /** Total matching rows, for scrollbars of virtualised lists. */
  readonly total: number;
  readonly offset: number;
}

export type UploadState = 'queued' | 'uploading' | 'done' | 'failed' | 'cancelled';

export interface UploadItemDto {
  readonly uploadId: string;
  readonly batchId: string;
  readonly folderId: string;
  readonly name: string;
  readonly state: UploadState;
  readonly bytesDone: number;
  /** Unknown (null) until a path source has been opened. */
  readonly bytesTotal: number | null;
  readonly documentId: string | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface UploadBatchDto {
  readonly batchId: string;
  readonly items: readonly UploadItemDto[];
}

export interface UploadProgressEvent {
  readonly batchId: string;
  /** Items whose state or byte count changed since the previous event for this batch. */
  readonly items: readonly UploadItemDto[];
  readonly overall: {
    readonly bytesDone: number;
    readonly bytesTotal: number;
    readonly filesDone: number;
    readonly filesFailed: number;
    readonly filesTotal: number;
  };
}

export interface DocumentContentDto {
  /** Where the window loads the bytes from (supports HTTP Range). */
  readonly url: string;
  readonly contentType: string;
  readonly size: number;
  readonly name: string;
}

export interface ExportResultDto {
  readonly saved: boolean;
  /** The file name it was saved under (sanitised), for a confirmation toast. */
  readonly fileName: string | null;
}

export interface VaultInfoDto {
  readonly usedBytes: number;
  readonly quotaBytes: number | null;
  readonly documentCount: number;
}

/** A connection as the window sees it: never any credential, at any depth. */
export interface ConnectionDto {
  readonly id: string;
  readonly provider: ConnectionProvider;
  readonly label: string;
  /** Who it signs in as: user name, access key id, e-mail. */
  readonly account: string;
  readonly status: ConnectionStatus;
  readonly lastError: string | null;
  /** Non-secret settings for display: server URL, bucket, region, root folder… */
  readonly settings: Readonly<Record<string, string | number | boolean | null>>;
  /** Byte quota DocuVault enforces on this connection (S3), or null. */
  readonly quotaBytes: number | null;
  readonly folderCount: number;
  readonly documentCount: number;
  readonly createdAt: string;
}

export interface ConnectionTestDto {
  readonly ok: boolean;
  readonly message: string;
  readonly freeBytes: number | null;
}

export interface CertificateInfoDto {
  /** True when the system already trusts it; false means the person must decide. */
  readonly trusted: boolean;
  /** SHA-256 fingerprint, colon-separated upper-case hex, as browsers show it. */
  readonly fingerprintSha256: string;
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
}

export interface CredentialProtectionDto {
  readonly protection: 'os-keychain' | 'app-key';
  /** True when secrets would be stored with weaker protection and the person has not agreed yet. */
  readonly consentRequired: boolean;
  readonly message: string;
}

export interface LoginAttemptDto {
  readonly attemptId: string;
  /** The page opened in the system browser, shown so the person can open it by hand. */
  readonly loginUrl: string;
}

export interface LoginFinishedEvent {
  /** Null when a callback matched no attempt (forged, expired or reused state): shown, but nothing is created. */
  readonly attemptId: string | null;
  readonly connection: ConnectionDto | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface ShareLinkDto {
  readonly url: string;
  readonly expiresAt: string;
}

export interface ProviderAvailabilityDto {
  readonly provider: ConnectionProvider;
  readonly available: boolean;
  /** Why not, in a sentence that says how to fix it; null when available. */
  readonly reason: string | null;
}
