import { useRef, useState, type KeyboardEvent } from 'react';

export interface InlineNameEditOptions {
  readonly initialName: string;
  /** Resolves true when the name was accepted; the field stays open otherwise so the person can fix it. */
  readonly onCommit: (name: string) => Promise<boolean>;
  readonly onCancel: () => void;
}

/**
 * The behaviour every inline name field shares: Enter or leaving the field
 * commits, Escape cancels, an unchanged or empty name cancels, a refused name
 * keeps the field open, and nothing is committed twice.
 */
export function useInlineNameEdit({ initialName, onCommit, onCancel }: InlineNameEditOptions) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(initialName);
  const [busy, setBusy] = useState(false);
  // Escape unmounts the field; a blur that follows must not commit what was just abandoned.
  const finished = useRef(false);
  const inFlight = useRef(false);

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
    setBusy(true);
    const accepted = await onCommit(name);
    inFlight.current = false;
    finished.current = accepted;
    setBusy(false);
    if (!accepted) inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    event.stopPropagation();
    if (event.key === 'Enter') {
      event.preventDefault();
      void commit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  };

  return { inputRef, value, setValue, busy, onKeyDown, onBlur: () => void commit() };
}
