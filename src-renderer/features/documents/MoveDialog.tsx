import { useId, useRef, useState } from 'react';
import type { FolderDto } from '../../../src-shared/domain';
import { useFocusTrap } from '../../ui/focus-trap';
import { plural } from '../../ui/format';
import { flattenFolderTree } from '../folders/folder-tree';

interface MoveDialogProps {
  readonly count: number;
  readonly folders: readonly FolderDto[];
  readonly currentFolderId: string;
  readonly onMove: (folder: FolderDto) => void;
  readonly onCancel: () => void;
}

/** The keyboard and single-pointer way to move documents (dragging rows onto a folder is the other). */
export function MoveDialog({ count, folders, currentFolderId, onMove, onCancel }: MoveDialogProps) {
  const dialog = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const rows = flattenFolderTree(folders);
  const [targetId, setTargetId] = useState(() => rows.find((r) => r.folder.id !== currentFolderId)?.folder.id ?? '');
  useFocusTrap(dialog);

  const target = folders.find((f) => f.id === targetId);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <form
        ref={dialog}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onSubmit={(e) => {
          e.preventDefault();
          if (target) onMove(target);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <h2 id={titleId} className="dialog__title">
          Move {plural(count, 'document')} to…
        </h2>
        <ul className="move-dialog__list" role="radiogroup" aria-labelledby={titleId}>
          {rows.map(({ folder, depth }) => {
            const here = folder.id === currentFolderId;
            return (
              <li key={folder.id}>
                <label
                  className={here ? 'move-dialog__option move-dialog__option--disabled' : 'move-dialog__option'}
                  style={{ paddingInlineStart: 8 + depth * 16 }}
                >
                  <input
                    type="radio"
                    name="target-folder"
                    value={folder.id}
                    disabled={here}
                    checked={folder.id === targetId}
                    onChange={() => setTargetId(folder.id)}
                  />
                  {folder.name}
                  {here && ' (current folder)'}
                </label>
              </li>
            );
          })}
        </ul>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={!target}>
            Move
          </button>
        </div>
      </form>
    </div>
  );
}
