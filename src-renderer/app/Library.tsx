import { useCallback, useRef, useState } from 'react';
import type { FolderDto } from '../../src-shared/domain';
import { useFolders } from '../api';
import { useDocumentActions } from '../features/documents/use-document-actions';
import { EMPTY_SELECTION, without, type Selection } from '../features/documents/selection';
import { FolderSidebar } from '../features/folders/FolderSidebar';
import { DropOverlay } from '../features/uploads/DropOverlay';
import { UploadPanel } from '../features/uploads/UploadPanel';
import { useStartUploads } from '../features/uploads/use-start-uploads';
import { useUploadFailureToasts } from '../features/uploads/use-upload-failure-toasts';
import { useWindowFileDrop } from '../features/uploads/use-window-file-drop';
import { FolderView } from './FolderView';
import { useGlobalShortcuts } from './use-global-shortcuts';
import './layout.css';

/** The Library window: folders on the left, the chosen folder's documents on the right, uploads anywhere. */
export function Library() {
  const { folders, error, reload } = useFolders();
  const [chosenId, setChosenId] = useState<string | null>(null);
  // Selection belongs to one folder: switching (or losing) the folder starts afresh.
  const [selected, setSelected] = useState<{ folderId: string | null; selection: Selection }>({ folderId: null, selection: EMPTY_SELECTION });
  const picker = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const documentActions = useDocumentActions();

  // A folder deleted elsewhere (or not chosen yet) falls back to the built-in vault.
  const current = folders?.find((f) => f.id === chosenId) ?? folders?.find((f) => f.isDefault) ?? folders?.[0] ?? null;
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
  useGlobalShortcuts({
    onUpload: () => void uploads.chooseFiles(),
    onFind: () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
  });

  const selectFolder = useCallback((id: string) => {
    setChosenId(id);
    setSelected({ folderId: id, selection: EMPTY_SELECTION });
  }, []);

  const moveDocuments = async (ids: string[], target: FolderDto) => {
    if (target.id === current?.id) return;
    if (await documentActions.move(ids, target)) setSelection((s) => without(s, ids));
  };

  return (
    <div className="app">
      {folders ? (
        <FolderSidebar folders={folders} currentFolderId={current?.id ?? null} onSelect={selectFolder} onMoveDocuments={(ids, f) => void moveDocuments(ids, f)} />
      ) : (
        <nav className="sidebar" aria-label="Folders" />
      )}
      <main className="library">
        {current && folders ? (
          <FolderView
            key={current.id}
            folder={current}
            folders={folders}
            selection={selection}
            onSelectionChange={setSelection}
            searchRef={searchRef}
            onUpload={() => void uploads.chooseFiles()}
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
