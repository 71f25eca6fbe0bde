import type { StoredFile } from './drive-store';

/** Drive's default partial responses when a request names no `fields`. */
export const DEFAULT_FILE_FIELDS = 'kind,id,name,mimeType';
export const DEFAULT_LIST_FIELDS = 'kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)';

/** A file as the Drive v3 API shows it (int64 values such as `size` are strings, as in Drive's JSON). */
export function fileResource(file: StoredFile): Record<string, unknown> {
  return {
    kind: 'drive#file',
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    parents: [...file.parents],
    ...(Object.keys(file.appProperties).length > 0 ? { appProperties: { ...file.appProperties } } : {}),
    trashed: file.trashed,
    createdTime: file.createdTime,
    modifiedTime: file.modifiedTime,
    ...(file.content
      ? {
          size: String(file.content.size),
          quotaBytesUsed: String(file.content.size),
          md5Checksum: file.content.md5,
          sha256Checksum: file.content.sha256,
        }
      : {}),
  };
}
