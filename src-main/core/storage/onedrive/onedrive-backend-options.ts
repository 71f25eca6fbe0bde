import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { checkedChunkSize, resolveUploadRetry, type UploadRetryOptions } from '../http/upload-options';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

/** Graph accepts upload-session fragments (but the last) in multiples of 320 KiB. */
export const FRAGMENT_QUANTUM = 320 * 1024;
/** …and each under 60 MiB. */
export const MAX_FRAGMENT_BYTES = 60 * 1024 * 1024;
/** 10 MiB (32 × 320 KiB): few round trips, and the memory one upload holds. */
export const DEFAULT_FRAGMENT_SIZE = 32 * FRAGMENT_QUANTUM;

export type OneDriveRetryOptions = UploadRetryOptions;

export interface OneDriveBackendOptions {
  /** Graph's root (default https://graph.microsoft.com/v1.0). */
  readonly graphBaseUrl?: string;
  /**
   * The connection's current access token, asked for on every request so a
   * refresh by the connections service is picked up at once. The backend
   * never refreshes: a 401 raises CloudConnectionError('token_expired').
   */
  readonly accessToken: () => string | Promise<string>;
  /** Upload fragment size: a multiple of 320 KiB under 60 MiB (default 10 MiB). Memory per upload is one fragment. */
  readonly fragmentSize?: number;
  readonly retry?: OneDriveRetryOptions;
  /** Name of the visible folder at the drive's root that holds everything (default "DocuVault"). */
  readonly rootFolderName?: string;
  /** How long to wait for a response to start (default 60 s). */
  readonly responseTimeoutMs?: number;
  /**
   * Agents for Graph, upload URLs and download URLs (the connection's guarded
   * agents; in tests, one trusting the fake's CA). Owned by the caller.
   */
  readonly httpsAgent?: HttpsAgent;
  readonly httpAgent?: HttpAgent;
}

export interface ResolvedOneDriveOptions {
  readonly graphBaseUrl: string;
  readonly accessToken: () => string | Promise<string>;
  readonly fragmentSize: number;
  readonly retry: Required<OneDriveRetryOptions>;
  readonly rootFolderName: string;
  readonly responseTimeoutMs: number;
  readonly httpsAgent: HttpsAgent | undefined;
  readonly httpAgent: HttpAgent | undefined;
}

export function resolveOneDriveOptions(options: OneDriveBackendOptions): ResolvedOneDriveOptions {
  const fragmentSize = checkedChunkSize(options.fragmentSize ?? DEFAULT_FRAGMENT_SIZE, {
    quantum: FRAGMENT_QUANTUM,
    below: MAX_FRAGMENT_BYTES,
    message: 'fragmentSize must be a positive multiple of 320 KiB under 60 MiB',
  });
  return {
    graphBaseUrl: (options.graphBaseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, ''),
    accessToken: options.accessToken,
    fragmentSize,
    retry: resolveUploadRetry(options.retry),
    rootFolderName: options.rootFolderName ?? 'DocuVault',
    responseTimeoutMs: options.responseTimeoutMs ?? 60_000,
    httpsAgent: options.httpsAgent,
    httpAgent: options.httpAgent,
  };
}
