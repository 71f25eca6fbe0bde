import { useState, type KeyboardEvent } from 'react';
import type { ConnectionDto, FolderDto } from '../../../src-shared/domain';
import { useContextMenu } from '../../ui/context-menu';
import { GearIcon, PlusIcon } from '../../ui/icons';
import { folderConnectionNotice } from './folder-connection';
import { FolderItem } from './FolderItem';
import { FolderNameField } from './FolderNameField';
import { flattenFolderTree } from './folder-tree';
import { NewFolderDialog } from './NewFolderDialog';
import { useFolderActions } from './use-folder-actions';
import './folders.css';

interface FolderSidebarProps {
  readonly folders: readonly FolderDto[];
  readonly currentFolderId: string | null;
  readonly onSelect: (folderId: string) => void;
  readonly onMoveDocuments: (ids: string[], folder: FolderDto) => void;
  readonly connections: readonly ConnectionDto[];
  readonly onReconnect: (connectionId: string) => void;
  readonly settingsOpen: boolean;
  readonly onOpenSettings: () => void;
}

/** A new top-level folder is made in a dialog (it needs a location); a subfolder inline, where its parent lives. */
type Editing = { kind: 'create'; parentId: string } | { kind: 'create-top' } | { kind: 'rename'; folderId: string } | null;

const settingsShortcut = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘,' : 'Ctrl+,';

export function FolderSidebar(props: FolderSidebarProps) {
  const { folders, currentFolderId, onSelect, onMoveDocuments, connections, onReconnect, settingsOpen, onOpenSettings } = props;
  const actions = useFolderActions();
  const openMenu = useContextMenu();
  const [editing, setEditing] = useState<Editing>(null);
  const rows = flattenFolderTree(folders);

  const remove = async (folder: FolderDto) => {
    const deleted = await actions.remove(folder, folders);
    if (deleted && folder.id === currentFolderId) {
      onSelect(folder.parentId ?? folders.find((f) => f.isDefault)?.id ?? '');
    }
  };

  const showMenu = (folder: FolderDto, x: number, y: number) =>
    openMenu({
      label: `Actions for ${folder.name}`,
      x,
      y,
      items: [
        { label: 'New subfolder', onSelect: () => setEditing({ kind: 'create', parentId: folder.id }) },
        { label: 'Rename folder', shortcut: 'F2', onSelect: () => setEditing({ kind: 'rename', folderId: folder.id }) },
        { label: 'Delete folder…', tone: 'danger', disabled: folder.isDefault, onSelect: () => void remove(folder) },
      ],
    });

  const onKeyCommand = (folder: FolderDto, event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'F2') {
      event.preventDefault();
      setEditing({ kind: 'rename', folderId: folder.id });
    } else if (event.key === 'Delete' && !folder.isDefault) {
      event.preventDefault();
      void remove(folder);
    } else if ((event.shiftKey && event.key === 'F10') || event.key === 'ContextMenu') {
      event.preventDefault();
      const box = event.currentTarget.getBoundingClientRect();
      showMenu(folder, box.left + 24, box.bottom);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const buttons = [...(event.currentTarget.closest('nav')?.querySelectorAll<HTMLElement>('.folder-button') ?? [])];
      const index = buttons.indexOf(event.currentTarget);
      buttons[index + (event.key === 'ArrowDown' ? 1 : -1)]?.focus();
    }
  };

  const createField = (parentId: string, depth: number) =>
    editing?.kind === 'create' && editing.parentId === parentId ? (
      <li key={`new-${parentId ?? 'root'}`}>
        <FolderNameField
          initialName=""
          depth={depth}
          onCancel={() => setEditing(null)}
          onCommit={async (name) => {
            const created = await actions.create(name, parentId);
            if (created) setEditing(null);
            return created !== null;
          }}
        />
      </li>
    ) : null;

  return (
    <nav className="sidebar" aria-label="Folders">
      <div className="sidebar__brand">DocuVault</div>
      <h2 className="sidebar__heading" id="folders-heading">
        Folders
      </h2>
      <ul className="folder-list" aria-labelledby="folders-heading">
        {rows.map(({ folder, depth }) => (
          <li key={folder.id} className="folder-list__entry">
            {editing?.kind === 'rename' && editing.folderId === folder.id ? (
              <FolderNameField
                initialName={folder.name}
                depth={depth}
                onCancel={() => setEditing(null)}
                onCommit={async (name) => {
                  const renamed = await actions.rename(folder, name);
                  if (renamed) setEditing(null);
                  return renamed;
                }}
              />
            ) : (
              <FolderItem
                folder={folder}
                depth={depth}
                current={folder.id === currentFolderId}
                onSelect={(f) => onSelect(f.id)}
                onMenu={showMenu}
                onKeyCommand={onKeyCommand}
                onDocumentsDropped={(ids, target) => onMoveDocuments(ids, target)}
                notice={folderConnectionNotice(folder, folders, connections)}
                onReconnect={onReconnect}
              />
            )}
            {editing?.kind === 'create' && editing.parentId === folder.id && <ul>{createField(folder.id, depth + 1)}</ul>}
          </li>
        ))}
      </ul>
      <div className="sidebar__footer">
        <button type="button" className="button button--quiet sidebar__new" onClick={() => setEditing({ kind: 'create-top' })}>
          <PlusIcon />
          New folder
        </button>
        <button
          type="button"
          className="button button--quiet sidebar__new sidebar__settings"
          aria-current={settingsOpen ? 'page' : undefined}
          aria-keyshortcuts={settingsShortcut === '⌘,' ? 'Meta+,' : 'Control+,'}
          title={`Settings (${settingsShortcut})`}
          onClick={onOpenSettings}
        >
          <GearIcon />
          Settings
        </button>
      </div>
      {editing?.kind === 'create-top' && (
        <NewFolderDialog
          connections={connections}
          onClose={() => setEditing(null)}
          onCreated={(folder) => {
            setEditing(null);
            onSelect(folder.id);
          }}
        />
      )}
    </nav>
  );
}
