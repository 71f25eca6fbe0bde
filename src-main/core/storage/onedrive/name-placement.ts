import { AppError } from '../../errors';
import type { DriveItem } from './drive-item';
import type { GraphApi } from './graph-api';
import { GraphHttpError } from './graph-errors';
import { numberedName } from './onedrive-names';

/** How many numbered names to try before giving up on a crowded folder. */
const MAX_NUMBERED_NAMES = 50;

/**
 * Moves (and renames) an item into a folder under `name`, never over another
 * item: each PATCH uses conflict behaviour `fail`, and a 409 tries
 * "name (2).ext", "name (3).ext"… — the next free name wins even when other
 * uploads race for the same one, because OneDrive decides each PATCH
 * atomically. An item that already has the name in that folder stays as it
 * is. Null when the item or the folder is gone.
 */
export async function placeItem(api: GraphApi, itemId: string, folderId: string, name: string): Promise<DriveItem | null> {
  for (let n = 1; n <= MAX_NUMBERED_NAMES; n++) {
    try {
      return await api.moveItem(itemId, { name: numberedName(name, n), parentId: folderId }, 'fail');
    } catch (error) {
      if (!(error instanceof GraphHttpError && error.status === 409)) throw error;
    }
  }
  throw new AppError('CONFLICT', `The OneDrive folder already holds too many documents called "${name}". Rename the document and try again.`);
}
