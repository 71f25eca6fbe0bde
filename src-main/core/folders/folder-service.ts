import { randomUUID } from 'node:crypto';
import type { FolderDto } from '../../../src-shared/domain';
import type { DocumentService } from '../documents/document-service';
import { nameKey, normalizeDisplayName } from '../documents/file-names';
import { AppError, notFound } from '../errors';
import type { Clock } from '../ports';
import type { EventBus } from '../util/event-bus';
import { folderToDto, type FolderRepository, type FolderRow } from './folder-repository';

export const DEFAULT_FOLDER_NAME = 'My Vault';
const MAX_DEPTH = 8;

export interface FolderServiceDeps {
  readonly folders: FolderRepository;
  readonly documents: DocumentService;
  readonly listDocumentIds: (folderId: string) => string[];
  readonly hasUploadsIn: (folderId: string) => boolean;
  /** The connection a new top-level folder may be bound to; throws NOT_FOUND or REAUTH_REQUIRED. */
  readonly requireUsableConnection: (connectionId: string) => { backend: FolderRow['storage_backend'] };
  readonly events: EventBus;
  readonly clock: Clock;
}

export class FolderService {
  constructor(private readonly deps: FolderServiceDeps) {}

  /** The built-in "My Vault" on the local backend always exists. */
  ensureDefault(): FolderRow {
    const existing = this.deps.folders.getDefault();
    if (existing) return existing;
    const now = this.deps.clock.now().getTime();
    let name = DEFAULT_FOLDER_NAME;
    for (let n = 2; this.deps.folders.nameTaken(null, nameKey(name)); n++) name = `${DEFAULT_FOLDER_NAME} (${n})`;
    const row: FolderRow = {
      id: randomUUID(),
      parent_id: null,
      name,
      name_key: nameKey(name),
      storage_backend: 'local',
      connection_id: null,
      is_default: 1,
      created_at: now,
      updated_at: now,
    };
    this.deps.folders.insert(row);
    return row;
  }

  get(id: string): FolderDto {
    return folderToDto(this.require(id), this.deps.folders.countDocuments(id));
  }

  list(): FolderDto[] {
    return this.deps.folders.listWithCounts().map((row) => folderToDto(row, row.document_count));
  }

  create(requestedName: string, parentId: string | null, connectionId: string | null = null): FolderDto {
    const name = normalizeDisplayName(requestedName, '');
    if (!name) throw new AppError('VALIDATION', 'A folder needs a name.');
    let parent: FolderRow | undefined;
    if (parentId) {
      parent = this.deps.folders.get(parentId);
      if (!parent) throw notFound('The parent folder');
      if (this.deps.folders.path(parentId).length >= MAX_DEPTH) {
        throw new AppError('VALIDATION', `Folders can be nested ${MAX_DEPTH} levels deep at most.`);
      }
    }
    if (parent && connectionId && connectionId !== parent.connection_id) {
      throw new AppError('VALIDATION', 'A subfolder lives where its parent folder lives.');
    }
    const connection = !parent && connectionId ? this.deps.requireUsableConnection(connectionId) : null;
    this.assertNameFree(parentId, name);
    const now = this.deps.clock.now().getTime();
    const row: FolderRow = {
      id: randomUUID(),
      parent_id: parentId,
      name,
      name_key: nameKey(name),
      // A subfolder lives where its parent lives; a top-level folder where the person chose.
      storage_backend: parent?.storage_backend ?? connection?.backend ?? 'local',
      connection_id: parent?.connection_id ?? (connection ? connectionId : null),
      is_default: 0,
      created_at: now,
      updated_at: now,
    };
    this.deps.folders.insert(row);
    this.changed();
    return this.get(row.id);
  }

  rename(id: string, requestedName: string): FolderDto {
    const row = this.require(id);
    const name = normalizeDisplayName(requestedName, '');
    if (!name) throw new AppError('VALIDATION', 'A folder needs a name.');
    if (name !== row.name) {
      this.assertNameFree(row.parent_id, name, id);
      this.deps.folders.rename(id, name, nameKey(name), this.deps.clock.now().getTime());
      this.changed();
    }
    return folderToDto(this.require(id), this.deps.folders.countDocuments(id));
  }

  /** Refuses a non-empty folder unless `deleteDocuments`; then deletes its documents and subfolders first. */
  async delete(id: string, deleteDocuments: boolean): Promise<{ deletedDocuments: number }> {
    const row = this.require(id);
    if (row.is_default) throw new AppError('CONFLICT', `“${row.name}” is your built-in vault and cannot be deleted.`);
    const tree = this.subtree(row);
    if (tree.some((folder) => this.deps.hasUploadsIn(folder.id))) {
      throw new AppError('CONFLICT', 'Documents are still uploading into this folder. Wait for them to finish or cancel them.');
    }
    const documentIds = tree.flatMap((folder) => this.deps.listDocumentIds(folder.id));
    if (!deleteDocuments && (documentIds.length > 0 || tree.length > 1)) {
      throw new AppError(
        'CONFLICT',
        `“${row.name}” is not empty (${documentIds.length} document${documentIds.length === 1 ? '' : 's'}${tree.length > 1 ? ` and ${tree.length - 1} subfolder${tree.length === 2 ? '' : 's'}` : ''}). Delete its documents too, or move them first.`,
      );
    }
    if (documentIds.length) await this.deps.documents.delete(documentIds);
    // Children before parents.
    for (const folder of [...tree].reverse()) this.deps.folders.delete(folder.id);
    this.changed();
    return { deletedDocuments: documentIds.length };
  }

  private subtree(root: FolderRow): FolderRow[] {
    const out: FolderRow[] = [root];
    for (let i = 0; i < out.length; i++) out.push(...this.deps.folders.children(out[i]!.id));
    return out;
  }

  private require(id: string): FolderRow {
    const row = this.deps.folders.get(id);
    if (!row) throw notFound('The folder');
    return row;
  }

  private assertNameFree(parentId: string | null, name: string, exceptId?: string): void {
    if (this.deps.folders.nameTaken(parentId, nameKey(name), exceptId)) {
      throw new AppError('CONFLICT', `A folder named “${name}” already exists here.`);
    }
  }

  private changed(): void {
    this.deps.events.emit('folders:changed', {});
  }
}
