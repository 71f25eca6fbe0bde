import { useEffect } from 'react';
import { useInlineNameEdit } from '../../ui/use-inline-name-edit';

interface RenameFieldProps {
  readonly initialName: string;
  /** Resolves true when the new name was accepted; otherwise the field stays for another try. */
  readonly onCommit: (name: string) => Promise<boolean>;
  readonly onCancel: () => void;
}

/** Selects the name without its extension, as file managers do, so typing keeps ".pdf". */
function selectStem(input: HTMLInputElement): void {
  const dot = input.value.lastIndexOf('.');
  input.setSelectionRange(0, dot > 0 ? dot : input.value.length);
}

export function RenameField(props: RenameFieldProps) {
  const edit = useInlineNameEdit(props);
  const { inputRef } = edit;

  useEffect(() => {
    const element = inputRef.current;
    if (!element) return;
    element.focus();
    selectStem(element);
  }, [inputRef]);

  return (
    <input
      ref={inputRef}
      className="text-input rename-field"
      aria-label="New name"
      value={edit.value}
      maxLength={1024}
      onChange={(e) => edit.setValue(e.target.value)}
      // The row underneath would otherwise treat these as selection, drag and open gestures.
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onMouseDown={(e) => e.stopPropagation()}
      onKeyDown={edit.onKeyDown}
      onBlur={edit.onBlur}
    />
  );
}
