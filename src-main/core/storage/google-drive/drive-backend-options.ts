import { checkedChunkSize, resolveUploadRetry, type UploadRetryOptions } from '../http/upload-options';

export const GOOGLE_DRIVE_API_BASE_URL = 'https://www.googleapis.com/drive/v3';
export const GOOGLE_DRIVE_UPLOAD_BASE_URL = 'https://www.googleapis.com/upload/drive/v3';

/** The Drive API and upload roots under one base URL with Google's paths (a local stand-in of Google). */
export function driveEndpointsAt(baseUrl: string): { apiBaseUrl: string; uploadBaseUrl: string } {
  const base = baseUrl.replace(/\/+$/, '');
  return { apiBaseUrl: `${base}/drive/v3`, uploadBaseUrl: `${base}/upload/drive/v3` };
}

/** Google accepts chunks (but the last) in multiples of 256 KiB. */
export const UPLOAD_QUANTUM = 256 * 1024;
/** 8 MiB: few round trips, and the memory one upload holds. */
export const DEFAULT_CHUNK_SIZE = 32 * UPLOAD_QUANTUM;

export type DriveRetryOptions = UploadRetryOptions;

export interface GoogleDriveBackendOptions {
  /** Drive v3 API root (default https://www.googleapis.com/drive/v3). */
  readonly apiBaseUrl?: string;
  /** Drive v3 upload root (default https://www.googleapis.com/upload/drive/v3). */
  readonly uploadBaseUrl?: string;
  /**
   * The connection's current access token, asked for on every request so a
   * refresh by the connections service is picked up at once. The backend
   * never refreshes: a 401 raises CloudConnectionError('token_expired').
   */
  readonly accessToken: () => string | Promise<string>;
  /** Upload chunk size: a multiple of 256 KiB (default 8 MiB). Memory per upload is one chunk. */
  readonly chunkSize?: number;
  readonly retry?: DriveRetryOptions;
  /** Name of the visible folder in My Drive that holds everything (default "DocuVault"). */
  readonly rootFolderName?: string;
  /** How long to wait for a response to start (default 60 s). */
  readonly responseTimeoutMs?: number;
}

export interface ResolvedDriveOptions {
  readonly apiBaseUrl: string;
  readonly uploadBaseUrl: string;
  readonly accessToken: () => string | Promise<string>;
  readonly chunkSize: number;
  readonly retry: Required<DriveRetryOptions>;
  readonly rootFolderName: string;
  readonly responseTimeoutMs: number;
}

export function resolveDriveOptions(options: GoogleDriveBackendOptions): ResolvedDriveOptions {
  const chunkSize = checkedChunkSize(options.chunkSize ?? DEFAULT_CHUNK_SIZE, {
    quantum: UPLOAD_QUANTUM,
    message: 'chunkSize must be a positive multiple of 256 KiB',
  });
  const trimSlash = (url: string) => url.replace(/\/+$/, '');
  return {
    apiBaseUrl: trimSlash(options.apiBaseUrl ?? GOOGLE_DRIVE_API_BASE_URL),
    uploadBaseUrl: trimSlash(options.uploadBaseUrl ?? GOOGLE_DRIVE_UPLOAD_BASE_URL),
    accessToken: options.accessToken,
    chunkSize,
    retry: resolveUploadRetry(options.retry),
    rootFolderName: options.rootFolderName ?? 'DocuVault',
    responseTimeoutMs: options.responseTimeoutMs ?? 60_000,
  };
}
