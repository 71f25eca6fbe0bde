import { useEffect } from 'react';
import { useInlineNameEdit } from '../../ui/use-inline-name-edit';

interface FolderNameFieldProps {
  readonly initialName: string;
  readonly depth: number;
  /** Resolves true when the name was accepted; the field stays open otherwise so the person can fix it. */
  readonly onCommit: (name: string) => Promise<boolean>;
  readonly onCancel: () => void;
}

/** Inline name editing for creating or renaming a folder: Enter commits, Escape cancels. */
export function FolderNameField({ depth, ...props }: FolderNameFieldProps) {
  const edit = useInlineNameEdit(props);
  const { inputRef } = edit;

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [inputRef]);

  return (
    <div className="folder-row folder-row--editing" style={{ paddingInlineStart: 10 + depth * 14 }}>
      <input
        ref={inputRef}
        className="text-input folder-name-field"
        aria-label="Folder name"
        value={edit.value}
        maxLength={255}
        readOnly={edit.busy}
        aria-busy={edit.busy}
        onChange={(e) => edit.setValue(e.target.value)}
        onKeyDown={edit.onKeyDown}
        onBlur={edit.onBlur}
      />
    </div>
  );
}
