import { useId, useState } from 'react';
import type { ConnectionDto, FolderDto } from '../../../src-shared/domain';
import { useInvoke } from '../../api';
import { SelectField, TextField } from '../../ui/form-fields';
import { Modal } from '../../ui/modal';

/** The Location value for the built-in local vault. */
const THIS_COMPUTER = 'local';

interface NewFolderDialogProps {
  /** Only ACTIVE connections can take a new folder. */
  readonly connections: readonly ConnectionDto[];
  readonly onCreated: (folder: FolderDto) => void;
  readonly onClose: () => void;
}

/** A new top-level folder and where it lives: this computer, or one of the active connections. */
export function NewFolderDialog({ connections, onCreated, onClose }: NewFolderDialogProps) {
  const titleId = useId();
  const invoke = useInvoke();
  const [name, setName] = useState('');
  const [location, setLocation] = useState(THIS_COMPUTER);
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usable = connections.filter((c) => c.status === 'ACTIVE');

  const create = async () => {
    const trimmed = name.trim();
    if (!trimmed) return setNameError('Give the folder a name.');
    setBusy(true);
    setFormError(null);
    const connectionId = location === THIS_COMPUTER ? null : location;
    const result = await invoke('folders:create', { name: trimmed, parentId: null, connectionId });
    setBusy(false);
    if (result.ok) return onCreated(result.value);
    // A taken or refused name belongs next to the name; anything else (an unreachable server) to the whole form.
    if (result.error.code === 'CONFLICT' || result.error.code === 'VALIDATION') setNameError(result.error.message);
    else setFormError(result.error.message);
  };

  return (
    <Modal labelledBy={titleId} onDismiss={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h2 id={titleId} className="dialog__title">
          New folder
        </h2>
        <fieldset className="form-fields" disabled={busy}>
          <TextField
            label="Folder name"
            value={name}
            maxLength={255}
            onChange={(value) => {
              setName(value);
              setNameError(null);
            }}
            error={nameError}
            autoFocus
          />
          <SelectField
            label="Location"
            value={location}
            onChange={setLocation}
            options={[{ value: THIS_COMPUTER, label: 'This computer' }, ...usable.map((c) => ({ value: c.id, label: c.label }))]}
            description="Where the folder’s documents are stored. Its subfolders live there too."
          />
        </fieldset>
        {formError && (
          <p className="form-alert" role="alert">
            {formError}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
            Create folder
          </button>
        </div>
      </form>
    </Modal>
  );
}
