import { useId, useRef, useState } from 'react';
import type { ConnectionDto } from '../../../src-shared/domain';
import { useInvoke } from '../../api';
import { CheckboxField } from '../../ui/form-fields';
import { plural } from '../../ui/format';
import { Modal } from '../../ui/modal';
import { useToasts } from '../../ui/toasts';

interface RemoveAllDataDialogProps {
  readonly connections: readonly ConnectionDto[];
  readonly localDocuments: number | null;
  readonly onClose: () => void;
  readonly onRemoved: () => void;
}

function reachable(connection: ConnectionDto): boolean {
  return connection.status === 'ACTIVE' || connection.status === 'ERROR';
}

function names(connections: readonly ConnectionDto[]): string {
  return connections.map((c) => c.label).join(', ');
}

/**
 * The last word before DocuVault forgets everything: what leaves this computer,
 * what stays on each server, and the option to delete DocuVault's documents
 * from the servers first.
 */
export function RemoveAllDataDialog({ connections, localDocuments, onClose, onRemoved }: RemoveAllDataDialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  const invoke = useInvoke();
  const toasts = useToasts();
  const [deleteFromServers, setDeleteFromServers] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const withDocuments = connections.filter((c) => c.documentCount > 0);
  const deletable = withDocuments.filter(reachable);
  const unreachable = withDocuments.filter((c) => !reachable(c));
  const onServers = withDocuments.reduce((sum, c) => sum + c.documentCount, 0);

  const remove = async () => {
    setBusy(true);
    setError(null);
    const result = await invoke('vault:remove-all-data', { deleteFromServers: deleteFromServers && deletable.length > 0 });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    const { deletedFromServers, failedConnections } = result.value;
    toasts.info(
      deleteFromServers && deletedFromServers > 0
        ? `All DocuVault data was removed, and ${plural(deletedFromServers, 'document')} deleted from your servers.`
        : 'All DocuVault data was removed from this computer.',
    );
    if (failedConnections.length > 0) {
      toasts.error(`DocuVault could not delete its documents from ${failedConnections.join(', ')}. They are still on those servers.`);
    }
    onRemoved();
  };

  return (
    <Modal role="alertdialog" labelledBy={titleId} describedBy={descriptionId} onDismiss={onClose} initialFocus={cancel}>
      <h2 id={titleId} className="dialog__title">
        Remove all DocuVault data?
      </h2>
      <div id={descriptionId} className="dialog__message">
        <p>
          DocuVault deletes from this computer
          {localDocuments === null ? ' the documents in your local vault' : ` the ${plural(localDocuments, 'document')} in your local vault`},
          every folder, all saved passwords and sign-ins, and its settings. This cannot be undone.
        </p>
        {withDocuments.length === 0 ? (
          <p>No documents are stored on servers, so nothing changes there.</p>
        ) : (
          <>
            <p>Unless you choose otherwise below, documents DocuVault put on your servers stay there, in their DocuVault folders:</p>
            <ul className="remove-data__servers">
              {withDocuments.map((c) => (
                <li key={c.id}>
                  {c.label}: {plural(c.documentCount, 'document')}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {deletable.length > 0 && (
        <CheckboxField
          label="Also delete DocuVault’s documents from each server first"
          checked={deleteFromServers}
          onChange={setDeleteFromServers}
          description={
            `Deletes the ${plural(deletable.reduce((s, c) => s + c.documentCount, 0), 'document')} DocuVault stored on ${names(deletable)}. ` +
            'Other files on those servers are not touched.' +
            (unreachable.length > 0 ? ` ${names(unreachable)} cannot be reached until reconnected, so ${unreachable.length === 1 ? 'its' : 'their'} documents stay.` : '')
          }
        />
      )}
      {onServers > 0 && deletable.length === 0 && <p className="form-note">Reconnect a connection first to delete its documents from the server.</p>}
      {error && (
        <p className="form-alert" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button ref={cancel} type="button" className="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={() => void remove()} disabled={busy} aria-busy={busy}>
          {busy ? 'Removing…' : deleteFromServers ? 'Delete from servers and remove all data' : 'Remove all data'}
        </button>
      </div>
    </Modal>
  );
}
