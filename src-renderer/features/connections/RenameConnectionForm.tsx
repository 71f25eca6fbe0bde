import { useState } from 'react';
import type { ConnectionDto } from '../../../src-shared/domain';
import { useInvoke } from '../../api';
import { TextField } from '../../ui/form-fields';

interface RenameConnectionFormProps {
  readonly connection: ConnectionDto;
  readonly onDone: () => void;
}

/** Renames a connection in place; the message for a refused name appears under the field. */
export function RenameConnectionForm({ connection, onDone }: RenameConnectionFormProps) {
  const invoke = useInvoke();
  const [label, setLabel] = useState(connection.label);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <form
      className="inline-form"
      aria-label={`Rename ${connection.label}`}
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onDone();
        }
      }}
      onSubmit={async (event) => {
        event.preventDefault();
        const trimmed = label.trim();
        if (!trimmed) return setError('Give the connection a name.');
        if (trimmed.length > 100) return setError('Keep the name to 100 characters or fewer.');
        if (trimmed === connection.label) return onDone();
        setBusy(true);
        const result = await invoke('connections:rename', { id: connection.id, label: trimmed });
        setBusy(false);
        if (result.ok) onDone();
        else setError(result.error.message);
      }}
    >
      <TextField
        label="Connection name"
        value={label}
        onChange={(value) => {
          setLabel(value);
          setError(null);
        }}
        error={error}
        autoFocus
      />
      <div className="inline-form__actions">
        <button type="button" className="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          Save name
        </button>
      </div>
    </form>
  );
}
