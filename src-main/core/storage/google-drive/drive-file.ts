/** The members of a Drive file resource DocuVault reads (Drive sends int64 values such as `size` as strings). */
export interface DriveFile {
  readonly id: string;
  readonly name?: string;
  readonly mimeType?: string;
  readonly parents?: readonly string[];
  readonly size?: string;
  readonly md5Checksum?: string;
  readonly sha256Checksum?: string;
  readonly appProperties?: Readonly<Record<string, string>>;
  readonly modifiedTime?: string;
  readonly trashed?: boolean;
}

export interface DriveFileList {
  readonly files?: readonly DriveFile[];
  readonly nextPageToken?: string;
}

export const FOLDER_MIME_TYPE = 'application/vnd.google-apps.folder';

/** appProperties keys: private to this OAuth client, searchable, and enough to rebuild an index from Drive. */
export const DOCUMENT_ID_PROPERTY = 'docuvaultId';
export const SHA256_PROPERTY = 'sha256';

/** What an upload's final answer must carry to be verified. */
export const UPLOADED_FILE_FIELDS = 'id,name,size,sha256Checksum,parents,appProperties';
export const STAT_FIELDS = 'id,size,sha256Checksum,appProperties,modifiedTime,mimeType';

/** Drive ids are URL-safe base64-like strings; anything else is not a key this backend made. */
const DRIVE_ID_PATTERN = /^[A-Za-z0-9_-]{10,200}$/;

export function isDriveId(key: string): boolean {
  return DRIVE_ID_PATTERN.test(key);
}

/** Drive's decimal int64 strings as numbers; null when absent or not a safe integer. */
export function parseDriveSize(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value)) return null;
  const size = Number(value);
  return Number.isSafeInteger(size) ? size : null;
}
