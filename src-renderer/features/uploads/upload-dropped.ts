import type { FolderDto, UploadBatchDto } from '../../../src-shared/domain';
import type { ErrorInfo } from '../../../src-shared/errors';
import type { Result } from '../../../src-shared/result';
import { findChildFolder } from '../folders/folder-tree';
import type { Dropped, DroppedFolder } from './dropped-items';

export interface DropUploadPorts {
  uploadFiles(folderId: string, files: readonly File[]): Promise<Result<UploadBatchDto>>;
  createFolder(name: string, parentId: string): Promise<Result<FolderDto>>;
  listFolders(): Promise<Result<readonly FolderDto[]>>;
}

/**
 * Uploads a drop into a folder: loose files go straight in; each dropped folder
 * becomes a same-named subfolder (an existing one is reused, so dropping the same
 * folder twice fills it up rather than failing) and its contents follow, recursively.
 * Returns what went wrong, one entry per failed step; the rest still uploads.
 */
export async function uploadDropped(dropped: Dropped, folderId: string, ports: DropUploadPorts): Promise<ErrorInfo[]> {
  const problems: ErrorInfo[] = [];
  if (dropped.files.length) {
    const result = await ports.uploadFiles(folderId, dropped.files);
    if (!result.ok) problems.push(result.error);
  }
  for (const folder of dropped.folders) await uploadFolder(folder, folderId, ports, problems);
  return problems;
}

async function uploadFolder(folder: DroppedFolder, parentId: string, ports: DropUploadPorts, problems: ErrorInfo[]): Promise<void> {
  const target = await subfolder(folder.name, parentId, ports);
  if (!target.ok) {
    problems.push(target.error);
    return;
  }
  await uploadDropped(folder, target.value.id, ports).then((more) => problems.push(...more));
}

async function subfolder(name: string, parentId: string, ports: DropUploadPorts): Promise<Result<FolderDto>> {
  const created = await ports.createFolder(name, parentId);
  if (created.ok || created.error.code !== 'CONFLICT') return created;
  const listed = await ports.listFolders();
  if (!listed.ok) return listed;
  const existing = findChildFolder(listed.value, parentId, name);
  return existing ? { ok: true, value: existing } : created;
}
