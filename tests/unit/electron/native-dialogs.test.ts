import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/ports';
import { createAppWindow } from '../../../src-main/electron/app-window';
import { createNativeDialogs } from '../../../src-main/electron/native-dialogs';
import { BrowserWindow, dialog, resetElectronDouble } from '../../support/electron-double';

const SAVE_DIR = join('/home', 'ana', 'Downloads');

function dialogsWithWindow() {
  const window = createAppWindow({ preloadPath: '/p.cjs', logger: silentLogger });
  return { dialogs: createNativeDialogs({ getWindow: () => window, saveDirectory: SAVE_DIR }), fake: BrowserWindow.instances.at(-1)! };
}

describe('native dialogs', () => {
  beforeEach(() => resetElectronDouble());

  it('picks several files, modal to the window, and returns their paths', async () => {
    const { dialogs, fake } = dialogsWithWindow();
    dialog.nextOpen = { canceled: false, filePaths: ['/home/ana/a.pdf', '/home/ana/b.jpg'] };
    expect(await dialogs.chooseFilesToUpload()).toEqual(['/home/ana/a.pdf', '/home/ana/b.jpg']);
    expect(dialog.shown).toHaveLength(1);
    expect(dialog.shown[0]!.window).toBe(fake);
    expect(dialog.shown[0]!.options['properties']).toEqual(expect.arrayContaining(['openFile', 'multiSelections']));
  });

  it('returns no paths when the person cancels the picker', async () => {
    const { dialogs } = dialogsWithWindow();
    dialog.nextOpen = { canceled: true, filePaths: ['/ignored'] };
    expect(await dialogs.chooseFilesToUpload()).toEqual([]);
  });

  it('suggests the document’s name in the save folder and returns the chosen path', async () => {
    const { dialogs, fake } = dialogsWithWindow();
    dialog.nextSave = { canceled: false, filePath: '/home/ana/Desktop/report.pdf' };
    expect(await dialogs.chooseSavePath('report.pdf')).toBe('/home/ana/Desktop/report.pdf');
    expect(dialog.shown[0]).toMatchObject({ kind: 'save', window: fake, options: { defaultPath: join(SAVE_DIR, 'report.pdf') } });
  });

  it('returns null when the person cancels saving', async () => {
    const { dialogs } = dialogsWithWindow();
    dialog.nextSave = { canceled: true };
    expect(await dialogs.chooseSavePath('report.pdf')).toBeNull();
  });

  it('still works without a window (not modal)', async () => {
    const dialogs = createNativeDialogs({ getWindow: () => null, saveDirectory: SAVE_DIR });
    dialog.nextOpen = { canceled: false, filePaths: ['/a.pdf'] };
    expect(await dialogs.chooseFilesToUpload()).toEqual(['/a.pdf']);
    expect(dialog.shown[0]!.window).toBeNull();
  });
});
