import type { ChannelInput, ChannelName, ChannelOutput, EventMap, EventName } from './contract';
import type { UploadBatchDto } from './domain';
import type { Result } from './result';

/**
 * A file the window hands over for upload. The DOM `File` satisfies this shape;
 * src-shared cannot name DOM types, and needs only these two fields.
 */
export interface BridgeFile {
  readonly name: string;
  readonly size: number;
}

/**
 * What the window sees as `window.docuvault`: the Electron preload and the browser
 * preview's bridge script both implement exactly this, so the renderer cannot tell
 * which transport it runs on. Only src-renderer/api touches it.
 */
export interface DocuVaultBridge {
  /** Which transport serves the window (for wording only, never for behaviour). */
  readonly transport: 'electron' | 'preview';
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Subscribes to an event main pushes; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /**
   * Uploads files the person dropped or picked in the window into a folder. The
   * bridge turns each into a path (Electron: webUtils.getPathForFile) or streams
   * its bytes, so the renderer never names a filesystem path.
   */
  uploadFiles(folderId: string, files: readonly BridgeFile[]): Promise<Result<UploadBatchDto>>;
}
