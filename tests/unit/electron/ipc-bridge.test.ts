import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../src-shared/contract';
import { ok } from '../../../src-shared/result';
import { silentLogger } from '../../../src-main/core/ports';
import { EventBus } from '../../../src-main/core/util/event-bus';
import { createAppWindow } from '../../../src-main/electron/app-window';
import { forwardEventsToWindow, registerIpcBridge } from '../../../src-main/electron/ipc-bridge';
import { createAppSenderCheck } from '../../../src-main/electron/trusted-sender';
import type { Router } from '../../../src-main/ipc/router';
import { BrowserWindow, ipcMain, resetElectronDouble } from '../../support/electron-double';

function setUp(routerInvoke: Router['invoke'] = async () => ok({ answered: true })) {
  const window = createAppWindow({ preloadPath: '/p.cjs', logger: silentLogger });
  const fake = BrowserWindow.instances.at(-1)!;
  const router = { channels: CHANNEL_NAMES, invoke: vi.fn(routerInvoke) };
  const unregister = registerIpcBridge(router, createAppSenderCheck(() => window), silentLogger);
  return { window, fake, router, unregister };
}

const refused = { ok: false, error: { code: 'VALIDATION', message: expect.any(String) } };

describe('the IPC bridge', () => {
  beforeEach(() => resetElectronDouble());

  it('handles every contract channel and no other', () => {
    setUp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('hands a call from the app page to the router and answers with its Result', async () => {
    const { fake, router } = setUp();
    const payload = { name: 'Taxes', parentId: null };
    const answer = await ipcMain.simulateInvoke('folders:create', [payload], { senderFrame: fake.webContents.mainFrame });
    expect(answer).toEqual({ ok: true, value: { answered: true } });
    expect(router.invoke).toHaveBeenCalledWith('folders:create', payload, {});
    // What the router got was a clone, as Electron delivers it, not the caller's object.
    expect(router.invoke.mock.calls[0]![1]).not.toBe(payload);
  });

  describe('refuses a sender that is not the app page, before the router sees it', () => {
    it('an iframe inside the window, even one showing an app URL', async () => {
      const { fake, router } = setUp();
      const frame = fake.webContents.addChildFrame('app://docuvault/index.html');
      expect(await ipcMain.simulateInvoke('folders:list', [{}], { senderFrame: frame })).toEqual(refused);
      expect(router.invoke).not.toHaveBeenCalled();
    });

    it('a document frame on the content scheme', async () => {
      const { fake, router } = setUp();
      const frame = fake.webContents.addChildFrame('docuvault-content://document/0b6f1a52-4c1e-4b8e-9a43-5f3c2d1e0a9b');
      expect(await ipcMain.simulateInvoke('documents:delete', [{ ids: [] }], { senderFrame: frame })).toEqual(refused);
      expect(router.invoke).not.toHaveBeenCalled();
    });

    it('our window showing a page from elsewhere', async () => {
      const { fake, router } = setUp();
      fake.webContents.mainFrame.url = 'https://evil.example/';
      expect(await ipcMain.simulateInvoke('folders:list', [{}], { senderFrame: fake.webContents.mainFrame })).toEqual(refused);
      expect(router.invoke).not.toHaveBeenCalled();
    });

    it('another window, even on the app origin', async () => {
      const { router } = setUp();
      const other = new BrowserWindow({});
      await other.loadURL('app://docuvault/index.html');
      expect(await ipcMain.simulateInvoke('folders:list', [{}], { senderFrame: other.webContents.mainFrame })).toEqual(refused);
      expect(router.invoke).not.toHaveBeenCalled();
    });

    it('a frame that is already gone', async () => {
      const { fake, router } = setUp();
      expect(await ipcMain.simulateInvoke('folders:list', [{}], { sender: fake.webContents, senderFrame: null })).toEqual(refused);
      expect(router.invoke).not.toHaveBeenCalled();
    });

    it('anything after the window closed', async () => {
      const { fake, router } = setUp();
      const frame = fake.webContents.mainFrame;
      fake.destroy();
      expect(await ipcMain.simulateInvoke('folders:list', [{}], { senderFrame: frame })).toEqual(refused);
      expect(router.invoke).not.toHaveBeenCalled();
    });
  });

  it('turns an unexpected throw into an INTERNAL Result instead of a rejection', async () => {
    const { fake } = setUp(async () => {
      throw new Error('secret detail at /home/someone');
    });
    const answer = await ipcMain.simulateInvoke('vault:info', [{}], { senderFrame: fake.webContents.mainFrame });
    expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.not.stringContaining('secret') } });
  });

  it('removes its handlers when unregistered', () => {
    const { unregister } = setUp();
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('events to the window', () => {
  beforeEach(() => resetElectronDouble());

  it('sends every core event to the window with its payload', () => {
    const window = createAppWindow({ preloadPath: '/p.cjs', logger: silentLogger });
    const fake = BrowserWindow.instances.at(-1)!;
    const events = new EventBus();
    forwardEventsToWindow(events, () => window);
    events.emit('documents:changed', { folderIds: ['a'] });
    events.emit('folders:changed', {});
    expect(fake.webContents.sent).toEqual([
      { channel: 'documents:changed', args: [{ folderIds: ['a'] }] },
      { channel: 'folders:changed', args: [{}] },
    ]);
  });

  it('skips a closed window without throwing into the service that emitted', () => {
    const window = createAppWindow({ preloadPath: '/p.cjs', logger: silentLogger });
    const fake = BrowserWindow.instances.at(-1)!;
    const events = new EventBus();
    const subscribe = vi.spyOn(events, 'onAny');
    forwardEventsToWindow(events, () => window);
    // Called directly: the bus itself would swallow a throw and hide it.
    const listener = subscribe.mock.calls[0]![0];
    fake.destroy();
    expect(() => listener('folders:changed', {})).not.toThrow();
    expect(fake.webContents.sent).toEqual([]);
  });

  it('stops when unsubscribed', () => {
    const window = createAppWindow({ preloadPath: '/p.cjs', logger: silentLogger });
    const fake = BrowserWindow.instances.at(-1)!;
    const events = new EventBus();
    const stop = forwardEventsToWindow(events, () => window);
    stop();
    events.emit('folders:changed', {});
    expect(fake.webContents.sent).toEqual([]);
  });
});
