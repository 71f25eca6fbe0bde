import { useEffect, useRef, useState } from 'react';

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

export function RenameField({ initialName, onCommit, onCancel }: RenameFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(initialName);
  const finished = useRef(false);
  const inFlight = useRef(false);

  useEffect(() => {
    const element = input.current;
    if (!element) return;
    element.focus();
    selectStem(element);
  }, []);

  const cancel = () => {
    finished.current = true;
    onCancel();
  };

  const commit = async () => {
    if (finished.current || inFlight.current) return;
    const name = value.trim();
    if (!name || name === initialName) {
      cancel();
      return;
    }
    inFlight.current = true;
    const accepted = await onCommit(name);
    inFlight.current = false;
    finished.current = accepted;
    if (!accepted) input.current?.focus();
  };

  return (
    <input
      ref={input}
      className="text-input rename-field"
      aria-label="New name"
      value={value}
      maxLength={1024}
      onChange={(e) => setValue(e.target.value)}
      // The row underneath would otherwise treat these as selection, drag and open gestures.
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onMouseDown={(e) => e.stopPropagation()}
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
  );
}
