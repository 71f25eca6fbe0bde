import type { DriveStore, StoredItem } from './drive-store';

/** The JSON Graph answers for a driveItem; `$select` keeps only the named top-level properties. */
export function driveItemResource(store: DriveStore, item: StoredItem, select: string | null = null): Record<string, unknown> {
  const parentPath = store.parentPathOf(item);
  const resource: Record<string, unknown> = {
    id: item.id,
    name: item.name,
    size: store.sizeOf(item),
    createdDateTime: item.createdDateTime,
    lastModifiedDateTime: item.lastModifiedDateTime,
    eTag: `"{${item.id}},${item.version}"`,
    cTag: `"c:{${item.id}},${item.version}"`,
    webUrl: `https://onedrive.live.com/?id=${encodeURIComponent(item.id)}`,
    ...(item.description !== null ? { description: item.description } : {}),
    ...(item.parentId !== null
      ? { parentReference: { driveId: store.driveId.toLowerCase(), driveType: 'personal', id: item.parentId, ...(parentPath ? { path: parentPath } : {}) } }
      : { root: {} }),
    ...(item.isFolder
      ? { folder: { childCount: store.children(item.id).length } }
      : { file: { mimeType: item.content?.mimeType ?? 'application/octet-stream', hashes: { quickXorHash: item.content?.quickXorHash } } }),
  };
  if (!select) return resource;
  const wanted = new Set(select.split(',').map((name) => name.trim()));
  return Object.fromEntries(Object.entries(resource).filter(([key]) => wanted.has(key)));
}
