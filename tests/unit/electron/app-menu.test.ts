import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, installAppMenu, type MenuOptions } from '../../../src-main/electron/app-menu';
import { Menu, resetElectronDouble } from '../../support/electron-double';

interface Item {
  label?: string;
  role?: string;
  type?: string;
  submenu?: Item[];
  click?: () => void;
}

function options(platform: NodeJS.Platform, developerItems = false) {
  const actions = { showAbout: vi.fn(), reportIssue: vi.fn(), openLogsFolder: vi.fn() };
  const value: MenuOptions = { platform, appName: 'DocuVault', developerItems, actions };
  return { value, actions };
}

const template = (value: MenuOptions) => appMenuTemplate(value) as unknown as Item[];
const titles = (items: Item[]) => items.map((item) => item.label ?? item.role);
const roles = (item: Item | undefined) => (item?.submenu ?? []).filter((entry) => entry.type !== 'separator').map((entry) => entry.role ?? entry.label);
const find = (items: Item[], title: string) => items.find((item) => (item.label ?? item.role) === title);

describe('the application menu', () => {
  beforeEach(() => resetElectronDouble());

  it('on macOS starts with the app menu: About, Services, Hide, Quit', () => {
    const menu = template(options('darwin').value);
    expect(titles(menu)).toEqual(['DocuVault', 'File', 'Edit', 'View', 'window', 'help']);
    expect(roles(menu[0])).toEqual(['About DocuVault', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(find(menu, 'window'))).toEqual(['minimize', 'zoom', 'front', 'window']);
    expect(roles(find(menu, 'help'))).toEqual(['Report an Issue…', 'Open Logs Folder']);
  });

  it('on Windows and Linux has File → Exit/Quit and About under Help', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const menu = template(options(platform).value);
      expect(titles(menu)).toEqual(['File', 'Edit', 'View', 'Window', 'help']);
      expect(roles(menu[0])).toEqual(['quit']);
      expect(roles(find(menu, 'help'))).toEqual(['Report an Issue…', 'Open Logs Folder', 'About DocuVault']);
    }
  });

  it('has Edit with undo and the clipboard, and View with zoom, everywhere', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const menu = template(options(platform).value);
      expect(roles(find(menu, 'Edit'))).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
      expect(roles(find(menu, 'View'))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    }
  });

  it('offers reload and developer tools only in development', () => {
    expect(roles(find(template(options('linux', true).value), 'View'))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(JSON.stringify(template(options('linux', false).value))).not.toMatch(/toggleDevTools|reload/);
  });

  it('runs the actions from Help and the app menu, and installs itself as the application menu', () => {
    const { value, actions } = options('darwin');
    installAppMenu(value);
    const installed = Menu.getApplicationMenu()!.items as unknown as Item[];
    const help = find(installed, 'help')!.submenu!;
    help.find((item) => item.label === 'Report an Issue…')!.click!();
    help.find((item) => item.label === 'Open Logs Folder')!.click!();
    installed[0]!.submenu!.find((item) => item.label === 'About DocuVault')!.click!();
    expect(actions.reportIssue).toHaveBeenCalledTimes(1);
    expect(actions.openLogsFolder).toHaveBeenCalledTimes(1);
    expect(actions.showAbout).toHaveBeenCalledTimes(1);
  });
});
