import { AppError } from '../../errors';
import { withRetry } from '../../net/retry';
import { RememberedLookups } from '../remembered-lookups';
import type { GraphApi } from './graph-api';
import { classifyGraphFailure, GraphHttpError } from './graph-errors';
import type { ResolvedOneDriveOptions } from './onedrive-backend-options';
import { oneDriveName } from './onedrive-names';

/** Where unfinished uploads wait, named by document id, inside the DocuVault folder. */
export const STAGING_FOLDER_NAME = '.docuvault-staging';

const FOLDER_FIELDS = 'id,folder';

/**
 * Finds or creates `DocuVault/<folder>/<subfolder>…` at the drive's root and
 * remembers the ids. A known path is found with one GET by path; a new one is
 * made level by level. Concurrent uploads into the same new folder share one
 * lookup-or-create, and a create that loses a race (409) looks again, so no
 * twins appear. OneDrive names are case-insensitive, and so is the memory.
 */
export class OneDriveFolders {
  /** Key: parent id + NUL + lower-cased name, or the whole path. */
  private readonly known = new RememberedLookups<string>();

  constructor(
    private readonly api: GraphApi,
    private readonly options: ResolvedOneDriveOptions,
  ) {}

  /** The id of the folder for a folder path (outermost first); [] is the DocuVault folder itself. */
  resolve(folderPath: readonly string[]): Promise<string> {
    return this.resolveNames([this.options.rootFolderName, ...folderPath].map(oneDriveName));
  }

  /** The staging folder (`DocuVault/.docuvault-staging`). */
  staging(): Promise<string> {
    return this.resolveNames([oneDriveName(this.options.rootFolderName), STAGING_FOLDER_NAME]);
  }

  /** The path of a staged upload below the drive's root, for lookups and deletes by path. */
  stagedPath(documentId: string): string[] {
    return [oneDriveName(this.options.rootFolderName), STAGING_FOLDER_NAME, documentId];
  }

  /** Drops every remembered id (after OneDrive said one no longer exists: a person deleted the folder). */
  forget(): void {
    this.known.forget();
  }

  private resolveNames(names: readonly string[]): Promise<string> {
    const key = `path\u0000${names.join('\u0000').toLowerCase()}`;
    return this.known.get(key, async () => {
      const existing = await this.api.getItem('root', names, FOLDER_FIELDS);
      if (existing?.folder) return existing.id;
      let parent = 'root';
      for (const name of names) parent = await this.child(parent, name);
      return parent;
    });
  }

  private child(parentId: string, name: string): Promise<string> {
    return this.known.get(`${parentId}\u0000${name.toLowerCase()}`, () => this.findOrCreate(parentId, name));
  }

  /**
   * Look; create if absent; a create refused with 409 (made meanwhile) looks
   * again. A create that failed otherwise is retried here, after looking again
   * (it may have happened); a failed lookup was already retried by the API.
   */
  private findOrCreate(parentId: string, name: string): Promise<string> {
    const { attempts, baseDelayMs, maxDelayMs } = this.options.retry;
    let step: 'lookup' | 'create' = 'lookup';
    return withRetry(
      async () => {
        step = 'lookup';
        const existing = await this.api.getItem(parentId, [name], FOLDER_FIELDS);
        if (existing) return folderId(existing);
        step = 'create';
        try {
          return (await this.api.createFolder(parentId, name)).id;
        } catch (error) {
          if (!(error instanceof GraphHttpError && error.status === 409)) throw error;
          const made = await this.api.getItem(parentId, [name], FOLDER_FIELDS);
          if (!made) throw error;
          return folderId(made);
        }
      },
      { attempts, baseDelayMs, maxDelayMs, classify: (error) => (step === 'create' ? classifyGraphFailure(error) : { retry: false }) },
    );
  }
}

function folderId(item: { id: string; folder?: unknown }): string {
  if (!item.folder) {
    throw new AppError('CONFLICT', 'A file in OneDrive has the name DocuVault needs for a folder. Rename or move that file and try again.');
  }
  return item.id;
}
