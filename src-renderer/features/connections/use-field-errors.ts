import { useCallback, useState } from 'react';
import type { FieldErrors } from './connection-forms';

export interface FieldErrorState<K extends string> {
  readonly errors: FieldErrors<K>;
  readonly show: (errors: FieldErrors<K>) => void;
  /** Editing a field clears its message; it is checked again on the next submit. */
  readonly clear: (field: K) => void;
}

export function useFieldErrors<K extends string>(): FieldErrorState<K> {
  const [errors, setErrors] = useState<FieldErrors<K>>({});
  const show = useCallback((next: FieldErrors<K>) => setErrors(next), []);
  const clear = useCallback(
    (field: K) =>
      setErrors((current) => {
        if (!(field in current)) return current;
        const next = { ...current };
        delete next[field];
        return next;
      }),
    [],
  );
  return { errors, show, clear };
}
