import { useCallback, useState, type RefObject } from 'react';
import type { ConnectionDto, DocumentDto, FolderDto } from '../../src-shared/domain';
import { useDocumentPages } from '../api';
import { useContextMenu } from '../ui/context-menu';
import { useSaveCopy } from '../features/common/use-save-copy';
import { needsReconnect } from '../features/connections/connection-text';
import { DocumentList } from '../features/documents/DocumentList';
import { EmptyFolder, NoMatches } from '../features/documents/EmptyState';
import { MoveDialog } from '../features/documents/MoveDialog';
import type { ShareLinkSupport } from '../features/documents/share-link-support';
import { ShareLinkDialog } from '../features/documents/ShareLinkDialog';
import { EMPTY_SELECTION, selectAt, without, type Selection } from '../features/documents/selection';
import { DEFAULT_SORT, nextSort, type SortState } from '../features/documents/sort';
import { Toolbar } from '../features/documents/Toolbar';
import { useDocumentActions } from '../features/documents/use-document-actions';
import { Viewer } from '../features/viewer/Viewer';

interface FolderViewProps {
  readonly folder: FolderDto;
  readonly folders: readonly FolderDto[];
  readonly selection: Selection;
  readonly onSelectionChange: (next: Selection) => void;
  readonly searchRef: RefObject<HTMLInputElement | null>;
  readonly onUpload: () => void;
  readonly connections: readonly ConnectionDto[];
  readonly onReconnect: (connectionId: string) => void;
  readonly shareLinks: ShareLinkSupport;
}

interface Viewing {
  readonly index: number;
  readonly document: DocumentDto;
}

/** One folder's documents: toolbar, the virtualised list, and what opens from it (viewer, move dialog). */
export function FolderView(props: FolderViewProps) {
  const { folder, folders, selection, onSelectionChange, searchRef, onUpload, connections, onReconnect, shareLinks } = props;
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const [moving, setMoving] = useState<readonly string[] | null>(null);
  const [sharing, setSharing] = useState<DocumentDto | null>(null);
  const pages = useDocumentPages({ folderId: folder.id, search, sortBy: sort.by, sortDir: sort.dir });
  const actions = useDocumentActions();
  const saveCopy = useSaveCopy();
  const openMenu = useContextMenu();

  const changeSearch = useCallback(
    (value: string) => {
      setSearch(value);
      onSelectionChange(EMPTY_SELECTION);
    },
    [onSelectionChange],
  );

  const open = (document: DocumentDto, index: number) => setViewing({ index, document });

  const connectionOf = (document: DocumentDto) => (document.connectionId ? connections.find((c) => c.id === document.connectionId) : undefined);
  const reconnectFor = (document: DocumentDto) => {
    const connection = connectionOf(document);
    return connection ? { label: connection.label, onReconnect: () => onReconnect(connection.id) } : null;
  };
  /**
   * The open document as its connection stands now, not as it was listed: a
   * connection that drops while the viewer is open turns it into "Reconnect to
   * open", and reconnecting brings the preview back.
   */
  const asConnectedNow = (document: DocumentDto): DocumentDto => {
    const connection = connectionOf(document);
    if (!connection) return document;
    const available = !needsReconnect(connection.status);
    return available === (document.available !== false) ? document : { ...document, available };
  };

  const step = (delta: number) => {
    if (!viewing) return undefined;
    const index = viewing.index + delta;
    const document = pages.documentAt(index);
    if (!document) return undefined;
    return () => {
      setViewing({ index, document });
      onSelectionChange(selectAt(selection, index, { toggle: false, extend: false }, (i) => pages.documentAt(i)?.id));
    };
  };

  const remove = async (ids: readonly string[]) => {
    const first = ids.length === 1 && ids[0] ? pages.findLoaded(ids[0]) : undefined;
    const deleted = await actions.remove(ids, first?.name);
    if (deleted.length === 0) return;
    onSelectionChange(without(selection, deleted));
    pages.refresh();
  };

  const move = async (ids: readonly string[], target: FolderDto) => {
    setMoving(null);
    if (await actions.move(ids, target)) {
      onSelectionChange(without(selection, ids));
      pages.refresh();
    }
  };

  const showMenu = (document: DocumentDto, index: number, ids: string[], x: number, y: number) => {
    const single = ids.length <= 1;
    openMenu({
      label: single ? `Actions for ${document.name}` : `Actions for ${ids.length} documents`,
      x,
      y,
      items: [
        { label: 'Open', shortcut: 'Enter', disabled: !single, onSelect: () => open(document, index) },
        { label: 'Rename', shortcut: 'F2', disabled: !single, onSelect: () => setRenamingId(document.id) },
        { label: 'Save a copy…', disabled: !single || document.available === false, onSelect: () => void saveCopy(document) },
        // Offered only where a link can exist (see useShareLinkSupport).
        ...(shareLinks.canShare(document)
          ? [{ label: 'Copy share link…', disabled: !single, onSelect: () => setSharing(document) }]
          : []),
        { label: 'Move to…', onSelect: () => setMoving(ids) },
        { label: single ? 'Delete…' : `Delete ${ids.length} documents…`, shortcut: 'Del', tone: 'danger', onSelect: () => void remove(ids) },
      ],
    });
  };

  return (
    <>
      <Toolbar
        title={folder.name}
        total={pages.total}
        selectedCount={selection.ids.size}
        search={search}
        onSearch={changeSearch}
        searchRef={searchRef}
        onUpload={onUpload}
        onDeleteSelected={() => void remove([...selection.ids])}
      />
      {pages.total === null && pages.error ? (
        <div className="list-status">
          <p>{pages.error.message}</p>
          <button type="button" className="button" onClick={() => pages.refresh()}>
            Try again
          </button>
        </div>
      ) : (
        <DocumentList
          pages={pages}
          selection={selection}
          onSelectionChange={onSelectionChange}
          sort={sort}
          onSort={(by) => {
            setSort((current) => nextSort(current, by));
            onSelectionChange(EMPTY_SELECTION);
          }}
          renamingId={renamingId}
          onRenameStart={(document) => setRenamingId(document.id)}
          onRenameCommit={async (document, name) => {
            const renamed = await actions.rename(document, name);
            if (renamed) {
              setRenamingId(null);
              pages.refresh();
            }
            return renamed;
          }}
          onRenameCancel={() => setRenamingId(null)}
          onOpen={open}
          onDelete={(ids) => void remove(ids)}
          onMenu={showMenu}
          empty={search.trim() ? <NoMatches search={search.trim()} /> : <EmptyFolder folderName={folder.name} />}
        />
      )}
      {viewing && (
        <Viewer
          document={asConnectedNow(viewing.document)}
          onClose={() => setViewing(null)}
          onPrevious={step(-1)}
          onNext={step(1)}
          reconnect={reconnectFor(viewing.document)}
        />
      )}
      {sharing && (
        <ShareLinkDialog document={sharing} onUnsupported={() => shareLinks.markUnsupported(sharing.backend)} onClose={() => setSharing(null)} />
      )}
      {moving && (
        <MoveDialog
          count={moving.length}
          folders={folders}
          currentFolderId={folder.id}
          onCancel={() => setMoving(null)}
          onMove={(target) => void move(moving, target)}
        />
      )}
    </>
  );
}
