import type { IpcRenderer, IpcRendererEvent, WebUtils } from 'electron';
import type { BridgeFile, DocuVaultBridge } from '../../../src-shared/bridge';
import { CHANNEL_NAME_LIST, EVENT_NAME_LIST, MAX_BYTES_SOURCE } from '../../../src-shared/channel-names';
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventMap,
  EventName,
  UploadSource,
} from '../../../src-shared/contract';
import type { UploadBatchDto } from '../../../src-shared/domain';
import { fail, type Result } from '../../../src-shared/result';

export interface ElectronBridgeDeps {
  readonly ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;
  readonly webUtils: Pick<WebUtils, 'getPathForFile'>;
}

const channels: ReadonlySet<string> = new Set(CHANNEL_NAME_LIST);
const events: ReadonlySet<string> = new Set(EVENT_NAME_LIST);

type SourceOrError = { readonly source: UploadSource } | { readonly error: Result<never> };

/**
 * `window.docuvault` for Electron: narrow functions over ipcRenderer, which
 * itself never reaches the page. Every call resolves to a Result, whatever happens.
 */
export function createElectronBridge({ ipcRenderer, webUtils }: ElectronBridgeDeps): DocuVaultBridge {
  async function invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
    if (!channels.has(channel)) return fail('VALIDATION', 'Unknown request.');
    try {
      return (await ipcRenderer.invoke(channel, input)) as Result<ChannelOutput<C>>;
    } catch {
      // Uncloneable input, or main went away: still an envelope, never a rejection.
      return fail('INTERNAL', 'DocuVault could not handle that request. Please try again.');
    }
  }

  /** A dropped file becomes its path here, so the page never names one; a file without a path travels as bytes. */
  async function toUploadSource(file: BridgeFile): Promise<SourceOrError> {
    let path: string;
    try {
      path = webUtils.getPathForFile(file as File);
    } catch {
      return { error: fail('VALIDATION', 'Only files can be uploaded.') };
    }
    if (path) return { source: { kind: 'path', path } };
    if (file.size > MAX_BYTES_SOURCE) {
      return { error: fail('VALIDATION', 'This file is too large to add from a web page. Save it to your computer first, then add it.') };
    }
    try {
      const bytes = new Uint8Array(await (file as File).arrayBuffer());
      return { source: { kind: 'bytes', name: file.name, bytes } };
    } catch {
      return { error: fail('NOT_FOUND', `“${file.name}” could not be read. It may have been moved or deleted.`) };
    }
  }

  return {
    transport: 'electron',
    invoke,
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
      if (!events.has(event)) return () => undefined;
      // The page gets the payload only: the IpcRendererEvent would hand it `sender`, i.e. ipcRenderer.
      const forward = (_event: IpcRendererEvent, payload: EventMap[E]) => listener(payload);
      ipcRenderer.on(event, forward);
      return () => {
        ipcRenderer.removeListener(event, forward);
      };
    },
    async uploadFiles(folderId: string, files: readonly BridgeFile[]): Promise<Result<UploadBatchDto>> {
      // The page may pass anything; a FileList works as well as an array.
      if (typeof files !== 'object' || files === null || typeof files.length !== 'number') {
        return fail('VALIDATION', 'Expected a list of files.');
      }
      const sources: UploadSource[] = [];
      for (const file of Array.from(files)) {
        const converted = await toUploadSource(file);
        if ('error' in converted) return converted.error;
        sources.push(converted.source);
      }
      return invoke('documents:upload', { folderId, sources });
    },
  };
}
