import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { FolderDto } from '../../../src-shared/domain';
import { FolderIcon, MoreIcon, VaultIcon } from '../../ui/icons';
import { carriesDocuments, readDraggedDocuments } from '../common/document-drag';
import type { FolderConnectionNotice } from './folder-connection';

interface FolderItemProps {
  readonly folder: FolderDto;
  readonly depth: number;
  readonly current: boolean;
  readonly onSelect: (folder: FolderDto) => void;
  readonly onMenu: (folder: FolderDto, x: number, y: number) => void;
  readonly onKeyCommand: (folder: FolderDto, event: KeyboardEvent<HTMLButtonElement>) => void;
  readonly onDocumentsDropped: (ids: string[], folder: FolderDto) => void;
  /** Set when the folder's connection needs reconnecting or was disconnected. */
  readonly notice: FolderConnectionNotice | null;
  readonly onReconnect: (connectionId: string) => void;
}

const NOTICE_TEXT = { REQUIRES_REAUTH: 'Needs reconnect', DISCONNECTED: 'Disconnected' } as const;

/** One folder in the sidebar: a button named by the folder (then its count), and a drop target for dragged rows. */
export function FolderItem(props: FolderItemProps) {
  const { folder, depth, current, onSelect, onMenu, onKeyCommand, onDocumentsDropped, notice, onReconnect } = props;
  const [dropTarget, setDropTarget] = useState(false);

  const openMenuAt = (event: MouseEvent<HTMLElement>) => {
    event.preventDefault();
    onMenu(folder, event.clientX, event.clientY);
  };

  const count = `${folder.documentCount.toLocaleString()} ${folder.documentCount === 1 ? 'document' : 'documents'}`;
  return (
    <>
    <div
      className={['folder-row', current && 'folder-row--current', dropTarget && 'folder-row--drop'].filter(Boolean).join(' ')}
      style={{ paddingInlineStart: 6 + depth * 14 }}
      onDragOver={(event) => {
        if (!carriesDocuments(event.dataTransfer)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setDropTarget(true);
      }}
      onDragLeave={() => setDropTarget(false)}
      onDrop={(event) => {
        if (!carriesDocuments(event.dataTransfer)) return;
        event.preventDefault();
        event.stopPropagation();
        setDropTarget(false);
        const ids = readDraggedDocuments(event.dataTransfer);
        if (ids.length) onDocumentsDropped(ids, folder);
      }}
    >
      <button
        type="button"
        className="folder-button"
        data-folder-id={folder.id}
        aria-current={current ? 'true' : undefined}
        // Named by the folder first, so people (and tests) find it by its name; the count follows.
        aria-label={notice ? `${folder.name}, ${count}, ${NOTICE_TEXT[notice.status].toLowerCase()}` : `${folder.name}, ${count}`}
        title={folder.name}
        onClick={() => onSelect(folder)}
        onContextMenu={openMenuAt}
        onKeyDown={(event) => onKeyCommand(folder, event)}
      >
        {folder.isDefault ? <VaultIcon /> : <FolderIcon />}
        <span className="folder-button__name">{folder.name}</span>
        <span className="folder-button__count">{folder.documentCount.toLocaleString()}</span>
      </button>
      {current && (
        <button
          type="button"
          className="icon-button folder-row__more"
          aria-label="Folder actions"
          aria-haspopup="menu"
          title="Folder actions"
          onClick={(event) => {
            const box = event.currentTarget.getBoundingClientRect();
            onMenu(folder, box.left, box.bottom + 2);
          }}
        >
          <MoreIcon />
        </button>
      )}
    </div>
    {notice && (
      <div className="folder-status" style={{ paddingInlineStart: 26 + depth * 14 }}>
        <span className={notice.status === 'REQUIRES_REAUTH' ? 'badge badge--warning' : 'badge badge--muted'}>{NOTICE_TEXT[notice.status]}</span>
        {notice.status === 'REQUIRES_REAUTH' && (
          <button type="button" className="folder-status__reconnect" aria-label={`Reconnect ${notice.label}`} onClick={() => onReconnect(notice.connectionId)}>
            Reconnect
          </button>
        )}
      </div>
    )}
    </>
  );
}
