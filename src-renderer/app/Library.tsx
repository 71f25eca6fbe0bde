import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import type { FolderDto } from '../../src-shared/domain';
import { initialFolder, useConnections, useFolders } from '../api';
import { useShareLinkSupport } from '../features/documents/share-link-support';
import { useDocumentActions } from '../features/documents/use-document-actions';
import { EMPTY_SELECTION, without, type Selection } from '../features/documents/selection';
import { FolderSidebar } from '../features/folders/FolderSidebar';
import { DropOverlay } from '../features/uploads/DropOverlay';
import { OfferedFilesPrompt } from '../features/uploads/OfferedFilesPrompt';
import { UploadPanel } from '../features/uploads/UploadPanel';
import { useStartUploads } from '../features/uploads/use-start-uploads';
import { useUploadFailureToasts } from '../features/uploads/use-upload-failure-toasts';
import { useOfferedFiles } from '../features/uploads/use-offered-files';
import { useWindowFileDrop } from '../features/uploads/use-window-file-drop';
import { FolderView } from './FolderView';
import { useAppView } from './use-app-view';
import { useGlobalShortcuts } from './use-global-shortcuts';
import { useLoginNotices } from './use-login-notices';
import './layout.css';

// Settings is loaded on first use: start-up stays as small as the Library needs.
const SettingsScreen = lazy(() => import('../features/settings/SettingsScreen'));

/** The window: folders on the left; the chosen folder's documents (or Settings) on the right; uploads anywhere. */
export function Library() {
  const { folders, error, reload } = useFolders();
  const { connections } = useConnections();
  const navigation = useAppView();
  const { view } = navigation;
  const shareLinks = useShareLinkSupport();
  const offers = useOfferedFiles();
  const [chosenId, setChosenId] = useState<string | null>(null);
  // Selection belongs to one folder: switching (or losing) the folder starts afresh.
  const [selected, setSelected] = useState<{ folderId: string | null; selection: Selection }>({ folderId: null, selection: EMPTY_SELECTION });
  const picker = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const documentActions = useDocumentActions();

  // A folder deleted elsewhere (or not chosen yet) falls back to the built-in vault.
  const current = folders?.find((f) => f.id === chosenId) ?? (folders ? initialFolder(folders) : undefined) ?? null;
  const selection = selected.folderId === current?.id ? selected.selection : EMPTY_SELECTION;
  const currentId = current?.id ?? null;
  const setSelection = useCallback(
    (next: Selection | ((previous: Selection) => Selection)) =>
      setSelected((previous) => {
        const base = previous.folderId === currentId ? previous.selection : EMPTY_SELECTION;
        return { folderId: currentId, selection: typeof next === 'function' ? next(base) : next };
      }),
    [currentId],
  );
  const uploads = useStartUploads(current?.id ?? null, picker);
  useUploadFailureToasts();
  const dragging = useWindowFileDrop((dataTransfer) => void uploads.uploadDrop(dataTransfer));
  useLoginNotices(() => navigation.showSettings('connections'));
  useGlobalShortcuts({
    onUpload: () => void uploads.chooseFiles(),
    onFind: () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    onSettings: () => navigation.showSettings(),
  });

  const { showLibrary } = navigation;
  const selectFolder = useCallback(
    (id: string) => {
      setChosenId(id);
      setSelected({ folderId: id, selection: EMPTY_SELECTION });
      showLibrary();
    },
    [showLibrary],
  );

  const offer = offers.current;

  const moveDocuments = async (ids: string[], target: FolderDto) => {
    if (target.id === current?.id) return;
    if (await documentActions.move(ids, target)) setSelection((s) => without(s, ids));
  };

  return (
    <div className="app">
      {folders ? (
        <FolderSidebar
          folders={folders}
          currentFolderId={view.screen === 'library' ? (current?.id ?? null) : null}
          onSelect={selectFolder}
          onMoveDocuments={(ids, f) => void moveDocuments(ids, f)}
          connections={connections ?? []}
          onReconnect={navigation.reconnect}
          settingsOpen={view.screen === 'settings'}
          onOpenSettings={() => navigation.showSettings()}
        />
      ) : (
        <nav className="sidebar" aria-label="Folders" />
      )}
      <main className="library">
        {view.screen === 'settings' ? (
          <Suspense
            fallback={
              <div className="list-status" role="status">
                Opening settings…
              </div>
            }
          >
            <SettingsScreen
              section={view.section}
              onSection={navigation.showSettings}
              reconnectRequest={view.reconnect}
              onReconnectHandled={navigation.reconnectHandled}
              onClose={showLibrary}
            />
          </Suspense>
        ) : current && folders ? (
          <FolderView
            key={current.id}
            folder={current}
            folders={folders}
            selection={selection}
            onSelectionChange={setSelection}
            searchRef={searchRef}
            onUpload={() => void uploads.chooseFiles()}
            connections={connections ?? []}
            onReconnect={navigation.reconnect}
            shareLinks={shareLinks}
          />
        ) : error ? (
          <div className="list-status">
            <p>{error.message}</p>
            <button type="button" className="button" onClick={reload}>
              Try again
            </button>
          </div>
        ) : (
          <div className="list-status" role="status">
            Opening your vault…
          </div>
        )}
      </main>
      <UploadPanel />
      {dragging && <DropOverlay folderName={current?.name ?? 'this folder'} />}
      {offer && current && (
        <OfferedFilesPrompt
          key={offer.offerId}
          offer={offer}
          folderName={current.name}
          onUpload={() => void offers.accept(offer, current.id)}
          onDecline={() => void offers.decline(offer)}
        />
      )}
      <input
        ref={picker}
        type="file"
        multiple
        aria-label="Choose files to upload"
        className="visually-hidden"
        tabIndex={-1}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          // Cleared so choosing the same file again still fires a change.
          event.currentTarget.value = '';
          void uploads.uploadFiles(files);
        }}
      />
    </div>
  );
}
