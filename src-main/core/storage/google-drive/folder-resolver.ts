import { withRetry } from '../../net/retry';
import { RememberedLookups } from '../remembered-lookups';
import type { DriveApi } from './drive-api';
import type { ResolvedDriveOptions } from './drive-backend-options';
import { classifyDriveFailure } from './drive-errors';
import { childFolderQuery } from './drive-query';

/**
 * Finds or creates the visible folder chain `DocuVault/<folder>/<subfolder>…`
 * in My Drive and remembers the ids. Concurrent uploads into the same new
 * folder share one lookup-or-create, so they never make twin folders. With the
 * `drive.file` scope only folders this app created are visible, so a folder a
 * person made by hand with the same name is not reused.
 */
export class DriveFolders {
  /** Key: parent id + NUL + name. */
  private readonly known = new RememberedLookups<string>();

  constructor(
    private readonly api: DriveApi,
    private readonly options: ResolvedDriveOptions,
  ) {}

  /** The id of the folder for an app folder path (outermost first); [] is the DocuVault folder itself. */
  async resolve(folderPath: readonly string[]): Promise<string> {
    let parent = await this.child('root', this.options.rootFolderName);
    for (const name of folderPath) parent = await this.child(parent, name);
    return parent;
  }

  /** Drops every remembered id (after Drive said one no longer exists, e.g. a person deleted the folder). */
  forget(): void {
    this.known.forget();
  }

  private child(parentId: string, name: string): Promise<string> {
    return this.known.get(`${parentId}\u0000${name}`, () => this.findOrCreate(parentId, name));
  }

  /**
   * Look, create if absent. A failed create is retried (after looking again:
   * it may have happened); a failed lookup was already retried by the API.
   */
  private findOrCreate(parentId: string, name: string): Promise<string> {
    const { attempts, baseDelayMs, maxDelayMs } = this.options.retry;
    let step: 'lookup' | 'create' = 'lookup';
    return withRetry(
      async () => {
        step = 'lookup';
        const { files } = await this.api.listFiles({
          q: childFolderQuery(parentId, name),
          fields: 'files(id)',
          orderBy: 'createdTime',
          pageSize: 10,
        });
        const existing = files?.[0]?.id;
        if (existing) return existing;
        step = 'create';
        return (await this.api.createFolder(name, parentId)).id;
      },
      { attempts, baseDelayMs, maxDelayMs, classify: (error) => (step === 'create' ? classifyDriveFailure(error) : { retry: false }) },
    );
  }
}
