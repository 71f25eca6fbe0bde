import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { FolderDto } from '../../../src-shared/domain';
import { FolderIcon, MoreIcon, VaultIcon } from '../../ui/icons';
import { carriesDocuments, readDraggedDocuments } from '../common/document-drag';

interface FolderItemProps {
  readonly folder: FolderDto;
  readonly depth: number;
  readonly current: boolean;
  readonly onSelect: (folder: FolderDto) => void;
  readonly onMenu: (folder: FolderDto, x: number, y: number) => void;
  readonly onKeyCommand: (folder: FolderDto, event: KeyboardEvent<HTMLButtonElement>) => void;
  readonly onDocumentsDropped: (ids: string[], folder: FolderDto) => void;
}

/** One folder in the sidebar: a button named by the folder (then its count), and a drop target for dragged rows. */
export function FolderItem({ folder, depth, current, onSelect, onMenu, onKeyCommand, onDocumentsDropped }: FolderItemProps) {
  const [dropTarget, setDropTarget] = useState(false);

  const openMenuAt = (event: MouseEvent<HTMLElement>) => {
    event.preventDefault();
    onMenu(folder, event.clientX, event.clientY);
  };

  return (
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
        aria-label={`${folder.name}, ${folder.documentCount.toLocaleString()} ${folder.documentCount === 1 ? 'document' : 'documents'}`}
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
  );
}
