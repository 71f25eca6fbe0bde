import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocuVaultBridge } from '../../../src-shared/bridge';
import { CHANNEL_NAMES, MAX_BYTES_SOURCE, type EventMap } from '../../../src-shared/contract';
import { ok } from '../../../src-shared/result';
import { contextBridge, ipcMain, ipcRenderer, resetElectronDouble, webUtils } from '../../support/electron-double';

const FOLDER = '0b6f1a52-4c1e-4b8e-9a43-5f3c2d1e0a9b';

let exposedKeys: string[];
let bridge: DocuVaultBridge;

beforeAll(async () => {
  resetElectronDouble();
  await import('../../../src-main/electron/preload/preload');
  exposedKeys = [...contextBridge.exposed.keys()];
  bridge = contextBridge.exposed.get('docuvault') as DocuVaultBridge;
});

/** Main's side of the wire: answers every call with what it received, so tests see what crossed. */
function echoMain(): void {
  for (const channel of CHANNEL_NAMES) ipcMain.handle(channel, (_event, input) => ok({ channel, input }));
}

describe('the preload', () => {
  beforeEach(() => {
    ipcMain.reset();
    ipcRenderer.reset();
    webUtils.reset();
  });

  it('exposes window.docuvault and nothing else, and never ipcRenderer', () => {
    expect(exposedKeys).toEqual(['docuvault']);
    expect(bridge.transport).toBe('electron');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'transport', 'uploadFiles']);
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });

  it('invokes contract channels over IPC and returns main’s Result', async () => {
    echoMain();
    const result = await bridge.invoke('folders:rename', { id: FOLDER, name: 'Taxes' });
    expect(result).toEqual(ok({ channel: 'folders:rename', input: { id: FOLDER, name: 'Taxes' } }));
    expect(ipcRenderer.invocations).toEqual([{ channel: 'folders:rename', args: [{ id: FOLDER, name: 'Taxes' }] }]);
  });

  it('answers an unknown channel with VALIDATION without any IPC', async () => {
    echoMain();
    const invoke = bridge.invoke as (channel: string, input: unknown) => Promise<unknown>;
    for (const channel of ['shell:open-external', 'ELECTRON_BROWSER_REQUIRE', '__proto__', 'toString']) {
      expect(await invoke(channel, {})).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.any(String) } });
    }
    expect(ipcRenderer.invocations).toEqual([]);
  });

  it('turns a failed IPC call into an INTERNAL Result, never a rejection', async () => {
    // No handler in main: Electron rejects the invoke.
    const result = await bridge.invoke('vault:info', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
  });

  it('delivers event payloads to the page without the IpcRendererEvent', () => {
    const received: unknown[][] = [];
    bridge.on('documents:changed', (...args) => received.push(args));
    const payload: EventMap['documents:changed'] = { folderIds: [FOLDER] };
    ipcRenderer.deliver('documents:changed', payload);
    expect(received).toEqual([[payload]]);
  });

  it('stops delivering after unsubscribe', () => {
    const received: unknown[] = [];
    const off = bridge.on('folders:changed', (payload) => received.push(payload));
    off();
    ipcRenderer.deliver('folders:changed', {});
    expect(received).toEqual([]);
    expect(ipcRenderer.listenerCount('folders:changed')).toBe(0);
  });

  it('subscribes to contract events only', () => {
    const on = bridge.on as (event: string, listener: (payload: unknown) => void) => () => void;
    const off = on('ELECTRON_BROWSER_REQUIRE', () => undefined);
    expect(ipcRenderer.eventNames()).toEqual([]);
    expect(off).toBeTypeOf('function');
  });

  describe('uploadFiles', () => {
    it('sends a file from disk as its path, and one without a path as its bytes', async () => {
      echoMain();
      const dropped = webUtils.fileOnDisk('/home/ana/scan.pdf', '%PDF');
      const fromWebPage = new File([new Uint8Array([1, 2, 3])], 'photo.png');
      const result = await bridge.uploadFiles(FOLDER, [dropped, fromWebPage]);
      expect(result).toEqual(
        ok({
          channel: 'documents:upload',
          input: {
            folderId: FOLDER,
            sources: [
              { kind: 'path', path: '/home/ana/scan.pdf' },
              { kind: 'bytes', name: 'photo.png', bytes: new Uint8Array([1, 2, 3]) },
            ],
          },
        }),
      );
    });

    it('refuses something that is not a File without calling main', async () => {
      echoMain();
      const result = await bridge.uploadFiles(FOLDER, [{ name: 'fake.txt', size: 1 }]);
      expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.any(String) } });
      expect(ipcRenderer.invocations).toEqual([]);
    });

    it('answers a file that can no longer be read with a Result, not a rejection', async () => {
      echoMain();
      const vanished = new File(['x'], 'gone.txt');
      Object.defineProperty(vanished, 'arrayBuffer', { value: () => Promise.reject(new DOMException('gone', 'NotFoundError')) });
      const result = await bridge.uploadFiles(FOLDER, [vanished]);
      expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('gone.txt') } });
      expect(ipcRenderer.invocations).toEqual([]);
    });

    it('refuses something that is not a list of files', async () => {
      const upload = bridge.uploadFiles as (folderId: string, files: unknown) => Promise<unknown>;
      for (const files of [undefined, null, 'a.txt', 42]) {
        expect(await upload(FOLDER, files)).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.any(String) } });
      }
    });

    it('refuses a pathless file too large to send as bytes, before reading it', async () => {
      echoMain();
      const huge = new File(['x'], 'huge.bin');
      Object.defineProperty(huge, 'size', { value: MAX_BYTES_SOURCE + 1 });
      Object.defineProperty(huge, 'arrayBuffer', { value: () => Promise.reject(new Error('must not be read')) });
      const result = await bridge.uploadFiles(FOLDER, [huge]);
      expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.any(String) } });
      expect(ipcRenderer.invocations).toEqual([]);
    });
  });
});
