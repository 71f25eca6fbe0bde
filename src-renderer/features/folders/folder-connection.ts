import type { ConnectionDto, ConnectionStatus, FolderDto } from '../../../src-shared/domain';

export interface FolderConnectionNotice {
  readonly connectionId: string;
  readonly label: string;
  readonly status: Extract<ConnectionStatus, 'REQUIRES_REAUTH' | 'DISCONNECTED'>;
}

/**
 * What the sidebar says under a folder whose connection cannot be used. Said once,
 * at the top folder of the connection: its subfolders live on the same connection.
 */
export function folderConnectionNotice(
  folder: FolderDto,
  folders: readonly FolderDto[],
  connections: readonly ConnectionDto[],
): FolderConnectionNotice | null {
  const status = folder.connectionStatus;
  if (!folder.connectionId || (status !== 'REQUIRES_REAUTH' && status !== 'DISCONNECTED')) return null;
  const parent = folder.parentId ? folders.find((f) => f.id === folder.parentId) : undefined;
  if (parent && parent.connectionId === folder.connectionId) return null;
  const label = connections.find((c) => c.id === folder.connectionId)?.label ?? 'the connection';
  return { connectionId: folder.connectionId, label, status };
}
