import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/ports';
import { createAppWindow } from '../../../src-main/electron/app-window';
import { BrowserWindow, resetElectronDouble, shell } from '../../support/electron-double';

function openWindow() {
  createAppWindow({ preloadPath: '/app/dist/main/preload.cjs', logger: silentLogger });
  const window = BrowserWindow.instances.at(-1)!;
  return { window, contents: window.webContents };
}

describe('the app window', () => {
  beforeEach(() => resetElectronDouble());

  it('runs the page isolated, sandboxed, without Node, with web security and our preload', () => {
    const { window } = openWindow();
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(window.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads the app page from the app scheme and shows itself once painted', () => {
    const { window, contents } = openWindow();
    expect(contents.getURL()).toBe('app://docuvault/index.html');
    expect(window.isVisible()).toBe(false);
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(true);
  });

  it('refuses every top-level navigation, even within the app', () => {
    const { contents } = openWindow();
    expect(contents.simulateNavigation('https://evil.example/phish')).toBe(true);
    expect(contents.simulateNavigation('file:///etc/passwd')).toBe(true);
    expect(contents.simulateNavigation('app://docuvault/other.html')).toBe(true);
    expect(shell.openedExternal).toEqual([]);
  });

  it('sends an allow-listed https link to the system browser instead of navigating', () => {
    const { contents } = openWindow();
    expect(contents.simulateNavigation('https://docuvault.app/help')).toBe(true);
    expect(shell.openedExternal).toEqual(['https://docuvault.app/help']);
  });

  it('never opens a new window; allow-listed links go to the system browser', () => {
    const { contents } = openWindow();
    expect(contents.simulateWindowOpen('https://evil.example/')).toBe('deny');
    expect(contents.simulateWindowOpen('app://docuvault/index.html')).toBe('deny');
    expect(contents.simulateWindowOpen('https://docuvault.app/pricing')).toBe('deny');
    expect(shell.openedExternal).toEqual(['https://docuvault.app/pricing']);
  });

  it('lets iframes show document content and nothing else', () => {
    const { contents } = openWindow();
    const frame = contents.addChildFrame('about:blank');
    expect(contents.simulateFrameNavigation(frame, 'docuvault-content://document/0b6f1a52-4c1e-4b8e-9a43-5f3c2d1e0a9b')).toBe(false);
    expect(contents.simulateFrameNavigation(frame, 'https://evil.example/')).toBe(true);
    expect(contents.simulateFrameNavigation(frame, 'app://docuvault/index.html')).toBe(true);
  });

  it('never attaches a <webview>', () => {
    const { contents } = openWindow();
    expect(contents.simulateAttachWebview('https://evil.example/')).toBe(true);
  });
});
