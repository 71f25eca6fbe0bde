import { ipcMain, type BrowserWindow } from 'electron';
import { CHANNEL_NAMES } from '../../src-shared/contract';
import { fail, type Result } from '../../src-shared/result';
import type { Logger } from '../core/ports';
import type { EventBus } from '../core/util/event-bus';
import type { Router } from '../ipc/router';
import type { SenderCheck } from './trusted-sender';

/**
 * One `ipcMain.handle` per contract channel and no other. The sender is checked
 * before anything else; the router then validates and answers with a Result,
 * so nothing crosses as a rejection (Electron would keep only its message).
 */
export function registerIpcBridge(router: Router, isTrustedSender: SenderCheck, logger: Logger): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) {
        logger.log('warn', 'IPC from a foreign frame refused', { channel });
        return fail('VALIDATION', 'This request is not allowed from here.');
      }
      try {
        return await router.invoke(channel, payload, {});
      } catch (error) {
        // The router never throws by contract; this keeps a broken promise from reaching the window as a rejection.
        logger.log('error', 'router threw', { channel, error: error instanceof Error ? error.message : String(error) });
        return fail('INTERNAL', 'Something went wrong. Please try again.');
      }
    });
  }
  return () => CHANNEL_NAMES.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Pushes every core event to the window; a closed window simply misses them. */
export function forwardEventsToWindow(events: EventBus, getWindow: () => BrowserWindow | null): () => void {
  return events.onAny((event, payload) => {
    const window = getWindow();
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(event, payload);
  });
}
