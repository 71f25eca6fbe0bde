/** Domain values shared by main and renderer. Plain data only: these are structured-cloned. */

export const STORAGE_BACKEND_KINDS = ['local', 's3', 'google_drive', 'onedrive', 'nextcloud', 'webdav'] as const;
export type StorageBackendKind = (typeof STORAGE_BACKEND_KINDS)[number];

export type DocumentStatus = 'uploading' | 'ready';

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
