import { AppError } from '../../core/errors';
import type { VaultCore } from '../../core/vault-core';
import type { Handlers } from '../router';
import type { TransportServices } from '../transport-services';

type DocumentHandlers = Pick<
  Handlers,
  | 'documents:list'
  | 'documents:list-ids'
  | 'documents:get'
  | 'documents:upload'
  | 'documents:upload-from-dialog'
  | 'documents:cancel-upload'
  | 'documents:rename'
  | 'documents:move'
  | 'documents:delete'
  | 'documents:export'
  | 'documents:content'
  | 'documents:share-link'
  | 'documents:accept-offered-files'
  | 'documents:decline-offered-files'
  | 'documents:pending-offered-files'
>;

export function documentHandlers(core: VaultCore, transport: TransportServices): DocumentHandlers {
  return {
    'documents:list': (input) => core.documents.list(input),
    'documents:list-ids': (input) => core.documents.listIds(input),
    'documents:get': ({ id }) => core.documents.get(id),
    'documents:upload': async ({ folderId, sources }, context) =>
      (await core.uploads.start(folderId, sources, context.streams)).batch,
    'documents:upload-from-dialog': async ({ folderId }) => {
      if (!transport.dialogs) throw new AppError('UNSUPPORTED', 'File pickers are not available here. Drag files into the window instead.');
      core.folders.get(folderId); // fail before a dialog opens for a folder that is gone
      const paths = await transport.dialogs.chooseFilesToUpload();
      if (paths.length === 0) return { batchId: '', items: [] };
      return (await core.uploads.start(folderId, paths.map((path) => ({ kind: 'path' as const, path })))).batch;
    },
    'documents:accept-offered-files': ({ offerId, folderId }) => core.offeredFiles.accept(offerId, folderId),
    'documents:pending-offered-files': () => core.offeredFiles.pending(),
    'documents:decline-offered-files': ({ offerId }) => ({ declined: core.offeredFiles.decline(offerId) }),
    'documents:cancel-upload': ({ uploadId }) => ({ cancelled: core.uploads.cancel(uploadId) }),
    'documents:rename': ({ id, name }) => core.documents.rename(id, name),
    'documents:move': ({ ids, folderId }) => core.documents.move(ids, folderId),
    'documents:delete': ({ ids }) => core.documents.delete(ids),
    'documents:export': async ({ id }) => {
      if (!transport.dialogs) throw new AppError('UNSUPPORTED', 'Saving a copy is not available here.');
      const destination = await transport.dialogs.chooseSavePath(core.documents.suggestedExportName(id));
      if (!destination) return { saved: false, fileName: null };
      const { fileName } = await core.documents.exportTo(id, destination);
      return { saved: true, fileName };
    },
    'documents:share-link': ({ id, expiresInSeconds }) => core.documents.shareLink(id, expiresInSeconds),
    'documents:content': ({ id }) => {
      const document = core.documents.get(id);
      return { url: transport.contentUrl(id), contentType: document.contentType, size: document.size, name: document.name };
    },
  };
}
