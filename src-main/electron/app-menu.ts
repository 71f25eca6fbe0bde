import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  readonly showAbout: () => void;
  readonly reportIssue: () => void;
  readonly openLogsFolder: () => void;
}

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  /** Reload and developer tools, for development builds only. */
  readonly developerItems: boolean;
  readonly actions: MenuActions;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

function helpItems({ appName, platform, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [
    { label: 'Report an Issue…', click: () => actions.reportIssue() },
    { label: 'Open Logs Folder', click: () => actions.openLogsFolder() },
  ];
  // macOS has About in the app menu; elsewhere it lives at the end of Help.
  if (platform !== 'darwin') items.push(separator, { label: `About ${appName}`, click: () => actions.showAbout() });
  return items;
}

function viewItems(developerItems: boolean): MenuItemConstructorOptions[] {
  const developer: MenuItemConstructorOptions[] = developerItems ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator] : [];
  return [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }];
}

/**
 * The application menu, following each platform's conventions: on macOS the
 * app menu (About, Services, Hide, Quit) and a Window menu the system fills;
 * on Windows and Linux File → Exit/Quit and About under Help. Edit is there on
 * every platform because it is what makes copy/paste shortcuts work in inputs.
 */
export function appMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { platform, appName, developerItems, actions } = options;
  const mac = platform === 'darwin';
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = { label: 'View', submenu: viewItems(developerItems) };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: helpItems(options) };
  if (mac) {
    return [
      {
        label: appName,
        submenu: [
          { label: `About ${appName}`, click: () => actions.showAbout() },
          separator,
          { role: 'services' },
          separator,
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          separator,
          { role: 'quit' },
        ],
      },
      { label: 'File', submenu: [{ role: 'close' }] },
      edit,
      view,
      { role: 'window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }, separator, { role: 'window' }] },
      help,
    ];
  }
  return [
    // Electron labels the quit role "Exit" on Windows and "Quit" on Linux, as each platform expects.
    { label: 'File', submenu: [{ role: 'quit' }] },
    edit,
    view,
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
    help,
  ];
}

export function installAppMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}
