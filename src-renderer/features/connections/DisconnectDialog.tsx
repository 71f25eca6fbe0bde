import { useId, useRef, useState } from 'react';
import type { ConnectionDto } from '../../../src-shared/domain';
import { useInvoke } from '../../api';
import { plural } from '../../ui/format';
import { Modal } from '../../ui/modal';
import { useToasts } from '../../ui/toasts';
import { disconnectChoices, safestChoice, type DisconnectMode } from './disconnect-choices';

interface DisconnectDialogProps {
  readonly connection: ConnectionDto;
  readonly onClose: () => void;
}

const DONE: Readonly<Record<DisconnectMode, (c: ConnectionDto, deleted: number) => string>> = {
  'delete-from-server': (c, deleted) => `Disconnected ${c.label} and deleted ${plural(deleted, 'document')} from the server.`,
  'keep-listed': (c) => `Disconnected ${c.label}. Its documents stay listed until you reconnect.`,
  forget: (c) => `Disconnected ${c.label}. Its documents stay on the server.`,
};

/**
 * Disconnecting always deletes the stored credentials; the person chooses what
 * happens to the documents, and each choice says exactly what that means.
 */
export function DisconnectDialog({ connection, onClose }: DisconnectDialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const invoke = useInvoke();
  const toasts = useToasts();
  const cancel = useRef<HTMLButtonElement>(null);
  const choices = disconnectChoices(connection);
  const [mode, setMode] = useState<DisconnectMode>(() => safestChoice(choices));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = choices.find((c) => c.mode === mode);

  const disconnect = async () => {
    if (!chosen || chosen.unavailableBecause) return;
    setBusy(true);
    setError(null);
    const result = await invoke('connections:disconnect', { id: connection.id, documents: mode });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    toasts.info(DONE[mode](connection, result.value.deletedDocuments));
    onClose();
  };

  return (
    <Modal role="alertdialog" labelledBy={titleId} describedBy={descriptionId} onDismiss={onClose} initialFocus={cancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void disconnect();
        }}
      >
        <h2 id={titleId} className="dialog__title">
          Disconnect {connection.label}?
        </h2>
        <p id={descriptionId} className="dialog__message">
          DocuVault deletes the password or sign-in it keeps for {connection.label} from this computer. Choose what happens to
          its {plural(connection.documentCount, 'document')}:
        </p>
        <fieldset className="choice-fieldset" disabled={busy}>
          <legend className="visually-hidden">What happens to its documents</legend>
          <ul className="choice-list">
            {choices.map((choice) => {
              const labelId = `${titleId}-${choice.mode}-label`;
              const detailId = `${titleId}-${choice.mode}-detail`;
              return (
                <li key={choice.mode}>
                  <label className="choice">
                    <input
                      type="radio"
                      name="disconnect-documents"
                      value={choice.mode}
                      checked={mode === choice.mode}
                      disabled={choice.unavailableBecause !== null}
                      onChange={() => setMode(choice.mode)}
                      // Named by the choice alone; what it does is its description.
                      aria-labelledby={labelId}
                      aria-describedby={detailId}
                    />
                    <span id={labelId} className="choice__label">
                      {choice.label}
                    </span>
                    <span id={detailId} className="choice__detail">
                      {choice.unavailableBecause ?? choice.consequence}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
        {error && (
          <p className="form-alert" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button ref={cancel} type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={busy || !chosen || chosen.unavailableBecause !== null}>
            Disconnect
          </button>
        </div>
      </form>
    </Modal>
  );
}
