import { DOCUMENT_ID_PROPERTY, FOLDER_MIME_TYPE } from './drive-file';

/** A string literal for Drive's `q`: backslash and single quote escaped. */
export function queryString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Live (not trashed) folders called `name` directly inside `parentId` (`root` for My Drive). */
export function childFolderQuery(parentId: string, name: string): string {
  return [
    `name = ${queryString(name)}`,
    `${queryString(parentId)} in parents`,
    `mimeType = ${queryString(FOLDER_MIME_TYPE)}`,
    'trashed = false',
  ].join(' and ');
}

/** Every file DocuVault stored for one document, trashed or not. */
export function documentFilesQuery(documentId: string): string {
  return `appProperties has { key=${queryString(DOCUMENT_ID_PROPERTY)} and value=${queryString(documentId)} }`;
}
