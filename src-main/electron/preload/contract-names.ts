import type { ChannelName, EventName } from '../../../src-shared/contract';

/**
 * The contract's channel and event names, repeated so the preload does not
 * bundle the contract's zod schemas (about 450 KB minified, parsed on every
 * page load) just to read their keys. The compiler holds these copies to the
 * contract: a name missing here, or one the contract does not have, fails
 * the type check. Only types are imported, so nothing of zod is bundled.
 */
export const CONTRACT_CHANNELS = [
  'folders:list',
  'folders:create',
  'folders:rename',
  'folders:delete',
  'documents:list',
  'documents:get',
  'documents:upload',
  'documents:upload-from-dialog',
  'documents:cancel-upload',
  'documents:rename',
  'documents:move',
  'documents:delete',
  'documents:export',
  'documents:content',
  'vault:info',
  'vault:set-quota',
] as const satisfies readonly ChannelName[];

export const CONTRACT_EVENTS = ['uploads:progress', 'documents:changed', 'folders:changed'] as const satisfies readonly EventName[];

/** src-shared's MAX_BYTES_SOURCE (a unit test keeps them equal): the most a pathless file may send as bytes. */
export const MAX_BYTES_WITHOUT_PATH = 256 * 1024 * 1024;

type Covers<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
type Assert<T extends true> = T;
export type ChannelsCovered = Assert<Covers<ChannelName, (typeof CONTRACT_CHANNELS)[number]>>;
export type EventsCovered = Assert<Covers<EventName, (typeof CONTRACT_EVENTS)[number]>>;
