/**
 * Every channel and event name, without their schemas: what the preload needs to
 * allow-list calls, at a few hundred bytes instead of the whole of zod.
 * contract.ts checks at compile time that this list and the contract agree.
 */
export const CHANNEL_NAME_LIST = [
  'folders:list',
  'folders:create',
  'folders:rename',
  'folders:delete',
  'documents:list',
  'documents:list-ids',
  'documents:get',
  'documents:upload',
  'documents:upload-from-dialog',
  'documents:cancel-upload',
  'documents:accept-offered-files',
  'documents:pending-offered-files',
  'documents:decline-offered-files',
  'documents:rename',
  'documents:move',
  'documents:delete',
  'documents:export',
  'documents:content',
  'documents:share-link',
  'connections:list',
  'connections:providers',
  'connections:connect-s3',
  'connections:connect-webdav',
  'connections:connect-nextcloud',
  'connections:nextcloud-login',
  'connections:cancel-login',
  'connections:connect-oauth',
  'connections:probe-certificate',
  'connections:test',
  'connections:rename',
  'connections:set-quota',
  'connections:reconnect',
  'connections:disconnect',
  'credentials:status',
  'credentials:consent',
  'vault:info',
  'vault:set-quota',
  'vault:remove-all-data',
] as const;

export type ChannelNameFromList = (typeof CHANNEL_NAME_LIST)[number];

export const EVENT_NAME_LIST = [
  'uploads:progress',
  'documents:changed',
  'folders:changed',
  'connections:changed',
  'connections:login-finished',
  'files:offered',
] as const;

export type EventNameFromList = (typeof EVENT_NAME_LIST)[number];

/** Largest file the window may send as bytes (a file without a path, dragged from a web page). */
export const MAX_BYTES_SOURCE = 256 * 1024 * 1024;

/** Most ids one `documents:list-ids` call answers: enough to select every document of a very large folder. */
export const MAX_LISTED_IDS = 200_000;
