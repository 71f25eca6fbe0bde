import { join } from 'node:path';
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { FileDialogs } from '../core/ports';

export interface NativeDialogOptions {
  /** The window the dialogs belong to (modal to it); null before it exists or after it closed. */
  readonly getWindow: () => BrowserWindow | null;
  /** Where "Save a copy" starts, e.g. the Downloads folder. */
  readonly saveDirectory: string;
}

/** The core's FileDialogs port, answered by the OS's own pickers. */
export function createNativeDialogs({ getWindow, saveDirectory }: NativeDialogOptions): FileDialogs {
  const parent = () => {
    const window = getWindow();
    return window && !window.isDestroyed() ? window : null;
  };
  return {
    async chooseFilesToUpload() {
      const options: OpenDialogOptions = { title: 'Add documents', buttonLabel: 'Add', properties: ['openFile', 'multiSelections'] };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async chooseSavePath(suggestedName) {
      const options: SaveDialogOptions = {
        title: 'Save a copy',
        defaultPath: join(saveDirectory, suggestedName),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
