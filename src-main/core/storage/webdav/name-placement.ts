import { AppError } from '../../errors';
import type { CollectionCache } from './collection-cache';
import type { DavClient } from './dav-client';
import { davUrl, formatKey, withSuffix, type DavPath } from './dav-paths';
import { PROPS } from './dav-properties';
import { DavStatusError } from './dav-status';
import type { KeyedMutex } from './keyed-mutex';

export interface PlacementContext {
  readonly client: DavClient;
  readonly base: URL;
  readonly collections: CollectionCache;
  readonly mutex: KeyedMutex;
}

/** How many "name (n).ext" variants to try before giving up on a crowded folder. */
const MAX_VARIANTS = 500;

/**
 * Moves `from` into `folder` under `name`, or "name (2)", "name (3)"… when
 * the name is taken: DocuVault never replaces a file on the server. Two
 * guards: a lookup first (for servers that ignore Overwrite: F) and the MOVE
 * itself with Overwrite: F (for anyone racing us from another device).
 */
export async function moveToFreeName(context: PlacementContext, from: DavPath, folder: DavPath, name: string): Promise<DavPath> {
  const { client, base, collections, mutex } = context;
  await collections.ensure(client, base, folder);
  return mutex.run(formatKey(folder), async () => {
    for (let n = 1; n <= MAX_VARIANTS; n++) {
      const target = [...folder, withSuffix(name, n)];
      if (await exists(context, target)) continue;
      if ((await moveOnce(context, from, target, folder)) === 'moved') return target;
    }
    throw new AppError(
      'CONFLICT',
      'This folder on the server already holds too many documents with this name. Rename the document and try again.',
    );
  });
}

export async function exists(context: PlacementContext, path: DavPath): Promise<boolean> {
  return (await context.client.propfind(davUrl(context.base, path), 0, [PROPS.resourceType])) !== null;
}

async function moveOnce(context: PlacementContext, from: DavPath, target: DavPath, folder: DavPath): Promise<'moved' | 'taken'> {
  const { client, base, collections } = context;
  const move = () => client.moveNoOverwrite(davUrl(base, from), davUrl(base, target));
  try {
    return await move();
  } catch (error) {
    if (!(error instanceof DavStatusError)) throw error;
    if (error.status === 409) {
      // The target folder was removed on the server since we created it: create it again, once.
      collections.forget();
      await collections.ensure(client, base, folder);
      return move();
    }
    if (error.status === 404 && (await exists(context, target)) && !(await exists(context, from))) {
      // A retried MOVE whose first attempt had already gone through.
      return 'moved';
    }
    throw error;
  }
}
