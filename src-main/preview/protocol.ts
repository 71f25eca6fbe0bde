import type { UploadBatchDto, UploadItemDto } from '../../src-shared/domain';

/**
 * The preview's HTTP API, shared by the server and the bridge script it serves.
 * Every JSON answer is a Result envelope, as over Electron IPC.
 */
export const PREVIEW_ROUTES = {
  /** POST, JSON body: the channel's input. */
  invoke: '/api/invoke/',
  /** GET: Server-Sent Events, one `event:` per contract event. */
  events: '/api/events',
  /** POST, JSON body: UploadAnnouncement. Then PUT each file's bytes to `uploads + ref`. */
  uploads: '/api/uploads',
  /** GET/HEAD with Range: a document's bytes (what contentUrl() returns). */
  content: '/content/',
} as const;

export interface UploadAnnouncement {
  readonly folderId: string;
  readonly files: ReadonlyArray<{ readonly name: string; readonly size: number }>;
}

export interface AnnouncedUploads {
  readonly batch: UploadBatchDto;
  /** Where to PUT each file's bytes, in the order the files were announced. */
  readonly refs: readonly string[];
}

/** What a PUT answers once the core has finished that file. */
export type UploadedItem = UploadItemDto;
