import { useCallback, type RefObject } from 'react';
import { useInvoke, useUploadActions } from '../../api';
import { useToasts } from '../../ui/toasts';
import { captureDrop } from './dropped-items';
import { uploadDropped } from './upload-dropped';

export interface StartUploads {
  /** Files picked in the window's own file input. */
  uploadFiles(files: readonly File[]): Promise<void>;
  /** Call inside the drop event: reads it at once, uploads afterwards. */
  uploadDrop(dataTransfer: DataTransfer): Promise<void>;
  /** The native picker in main, or the window's file input where there is none. */
  chooseFiles(): Promise<void>;
}

export function useStartUploads(folderId: string | null, fallbackPicker: RefObject<HTMLInputElement | null>): StartUploads {
  const uploads = useUploadActions();
  const invoke = useInvoke();
  const toasts = useToasts();

  const uploadFiles = useCallback(
    async (files: readonly File[]) => {
      if (!folderId || files.length === 0) return;
      const result = await uploads.uploadFiles(folderId, files);
      if (!result.ok) toasts.error(result.error.message);
    },
    [folderId, uploads, toasts],
  );

  const uploadDrop = useCallback(
    async (dataTransfer: DataTransfer) => {
      const reading = captureDrop(dataTransfer);
      if (!folderId) return;
      let dropped;
      try {
        dropped = await reading;
      } catch {
        toasts.error('Some of the dropped items could not be read. Try dropping them again.');
        return;
      }
      const problems = await uploadDropped(dropped, folderId, {
        uploadFiles: (id, files) => uploads.uploadFiles(id, files),
        createFolder: (name, parentId) => invoke('folders:create', { name, parentId }),
        listFolders: () => invoke('folders:list', {}),
      });
      for (const problem of problems) toasts.error(problem.message);
    },
    [folderId, uploads, invoke, toasts],
  );

  const chooseFiles = useCallback(async () => {
    if (!folderId) return;
    const result = await uploads.uploadFromDialog(folderId);
    if (result.ok) return;
    if (result.error.code === 'UNSUPPORTED') fallbackPicker.current?.click();
    else toasts.error(result.error.message);
  }, [folderId, uploads, fallbackPicker, toasts]);

  return { uploadFiles, uploadDrop, chooseFiles };
}
