import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventMap, EventName } from '../../src-shared/contract';
import type { FolderDto, UploadItemDto } from '../../src-shared/domain';
import type { Result } from '../../src-shared/result';
import { silentLogger, type Logger } from '../../src-main/core/ports';
import { createVaultCore, type VaultCore, type VaultCoreOptions } from '../../src-main/core/vault-core';
import { createAppRouter } from '../../src-main/ipc/create-app-router';
import type { RequestContext, Router } from '../../src-main/ipc/router';
import type { FileDialogs } from '../../src-main/core/ports';
import { makeTempDir } from './temp-dir';

export interface TestCore {
  readonly core: VaultCore;
  readonly router: Router;
  readonly dataDir: string;
  readonly defaultFolder: FolderDto;
  /** Invokes a channel with a structured-cloned payload, as Electron's IPC would. */
  call<T = unknown>(channel: string, payload: unknown, context?: RequestContext): Promise<Result<T>>;
  /** Invokes and unwraps, failing the test on an error envelope. */
  value<T = unknown>(channel: string, payload: unknown, context?: RequestContext): Promise<T>;
  events: Array<{ event: EventName; payload: EventMap[EventName] }>;
  /** Uploads and waits for every item to settle. */
  uploadAndWait(folderId: string, sources: unknown[], context?: RequestContext): Promise<UploadItemDto[]>;
  partialFiles(): Promise<string[]>;
  objectFiles(): Promise<string[]>;
  reopen(): Promise<void>;
  /** Closes the core; the data directory is removed unless `keepData` (to reopen it with other options). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export async function startTestCore(
  options: Partial<VaultCoreOptions> & {
    dialogs?: FileDialogs | null;
    logger?: Logger;
    dataDir?: string;
    /** Runs when a core started on a borrowed dataDir is closed for good (removes that dir). */
    onRemove?: () => Promise<void>;
  } = {},
): Promise<TestCore> {
  const temp = options.dataDir ? null : await makeTempDir();
  const dataDir = options.dataDir ?? temp!.path;
  const logger = options.logger ?? silentLogger;
  const events: TestCore['events'] = [];
  let core!: VaultCore;
  let router!: Router;
  const open = async () => {
    core = await createVaultCore({ progressIntervalMs: 0, ...options, dataDir, logger });
    router = createAppRouter(core, { contentUrl: (id) => `test-content://${id}`, dialogs: options.dialogs ?? null }, logger);
    core.events.onAny((event, payload) => events.push({ event, payload: structuredClone(payload) }));
  };
  await open();
  const call = async <T>(channel: string, payload: unknown, context?: RequestContext) =>
    structuredClone(await router.invoke(channel, structuredClone(payload), context)) as Result<T>;
  const value = async <T>(channel: string, payload: unknown, context?: RequestContext): Promise<T> => {
    const result = await call<T>(channel, payload, context);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const listDir = async (dir: string) => {
    const out: string[] = [];
    for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
      if (entry.isFile()) out.push(join(entry.parentPath, entry.name));
    }
    return out;
  };
  const test: TestCore = {
    get core() {
      return core;
    },
    get router() {
      return router;
    },
    dataDir,
    get defaultFolder() {
      return core.folders.list().find((f) => f.isDefault)!;
    },
    call,
    value,
    events,
    async uploadAndWait(folderId, sources, context) {
      const batch = await value<{ batchId: string; items: UploadItemDto[] }>('documents:upload', { folderId, sources }, context);
      await core.uploads.idle();
      const last = new Map<string, UploadItemDto>();
      for (const { event, payload } of events) {
        if (event !== 'uploads:progress') continue;
        for (const item of (payload as EventMap['uploads:progress']).items) if (item.batchId === batch.batchId) last.set(item.uploadId, item);
      }
      return batch.items.map((item) => last.get(item.uploadId) ?? item);
    },
    partialFiles: () => listDir(join(dataDir, 'vault', 'tmp')),
    objectFiles: () => listDir(join(dataDir, 'vault', 'objects')),
    async reopen() {
      await core.close();
      await open();
    },
    async close(closeOptions = {}) {
      await core.close();
      if (closeOptions.keepData) return;
      await temp?.remove();
      await options.onRemove?.();
    },
  };
  return test;
}

export const bytesOf = (text: string) => new TextEncoder().encode(text);
