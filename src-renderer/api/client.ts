import type { DocuVaultBridge } from '../../src-shared/bridge';
import type { ChannelInput, ChannelName, ChannelOutput, EventMap, EventName } from '../../src-shared/contract';
import type { UploadBatchDto } from '../../src-shared/domain';
import { fail, type Result } from '../../src-shared/result';

/**
 * The renderer's only way to main. It wraps the bridge so that a transport that
 * rejects (a crashed preview server, a closed IPC channel) still answers with a
 * Result: callers handle one error shape, never a thrown one.
 */
export interface DocuVaultClient {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  uploadFiles(folderId: string, files: readonly File[]): Promise<Result<UploadBatchDto>>;
}

const UNREACHABLE = 'DocuVault could not reach its storage service. Try again in a moment.';

async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch {
    return fail('INTERNAL', UNREACHABLE);
  }
}

export function createClient(bridge: DocuVaultBridge): DocuVaultClient {
  return {
    invoke: (channel, input) => settle(() => bridge.invoke(channel, input)),
    on: (event, listener) => bridge.on(event, listener),
    uploadFiles: (folderId, files) => settle(() => bridge.uploadFiles(folderId, files)),
  };
}
