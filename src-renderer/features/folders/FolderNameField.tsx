import { useEffect, useRef, useState } from 'react';

interface FolderNameFieldProps {
  readonly initialName: string;
  readonly depth: number;
  /** Resolves true when the name was accepted; the field stays open otherwise so the person can fix it. */
  readonly onCommit: (name: string) => Promise<boolean>;
  readonly onCancel: () => void;
}

/** Inline name editing for creating or renaming a folder: Enter commits, Escape cancels. */
export function FolderNameField({ initialName, depth, onCommit, onCancel }: FolderNameFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(initialName);
  const [busy, setBusy] = useState(false);
  // Escape unmounts the field; a blur that follows must not commit what was just abandoned.
  const finished = useRef(false);
  const inFlight = useRef(false);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const cancel = () => {
    finished.current = true;
    onCancel();
  };

  const commit = async () => {
    if (inFlight.current || finished.current) return;
    const name = value.trim();
    if (!name || name === initialName) {
      cancel();
      return;
    }
    inFlight.current = true;
    setBusy(true);
    const accepted = await onCommit(name);
    inFlight.current = false;
    finished.current = accepted;
    setBusy(false);
    if (!accepted) input.current?.focus();
  };

  return (
    <div className="folder-row folder-row--editing" style={{ paddingInlineStart: 10 + depth * 14 }}>
      <input
        ref={input}
        className="text-input folder-name-field"
        aria-label="Folder name"
        value={value}
        maxLength={255}
        readOnly={busy}
        aria-busy={busy}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') {
            e.preventDefault();
            void commit();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            cancel();
          }
        }}
        onBlur={() => void commit()}
      />
    </div>
  );
}
