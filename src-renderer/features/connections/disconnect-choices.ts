import type { ChannelInput } from '../../../src-shared/contract';
import type { ConnectionDto } from '../../../src-shared/domain';
import { plural } from '../../ui/format';

export type DisconnectMode = ChannelInput<'connections:disconnect'>['documents'];

export interface DisconnectChoice {
  readonly mode: DisconnectMode;
  readonly label: string;
  /** Exactly what happens to the documents, in this connection's numbers. */
  readonly consequence: string;
  /** Why the choice cannot be taken now, if it cannot. */
  readonly unavailableBecause: string | null;
}

/** A connection whose server DocuVault can still talk to. */
function reachable(connection: ConnectionDto): boolean {
  return connection.status === 'ACTIVE' || connection.status === 'ERROR';
}

export function disconnectChoices(connection: ConnectionDto): readonly DisconnectChoice[] {
  const documents = plural(connection.documentCount, 'document');
  const folders = plural(connection.folderCount, 'folder');
  const server = connection.label;
  return [
    {
      mode: 'delete-from-server',
      label: 'Delete its documents from the server',
      consequence:
        `DocuVault deletes the ${documents} it stored on ${server} from the server, then removes them and the ${folders} from DocuVault. ` +
        'This cannot be undone. Files on the server that DocuVault did not put there are not touched.',
      unavailableBecause: reachable(connection) ? null : 'Reconnect first: DocuVault cannot reach the server to delete anything.',
    },
    {
      mode: 'keep-listed',
      label: 'Keep them listed as unavailable',
      consequence:
        `The ${documents} and ${folders} stay in DocuVault, dimmed, and cannot be opened until you reconnect. ` +
        'Nothing is deleted from the server.',
      unavailableBecause: connection.status === 'DISCONNECTED' ? 'They are already listed as unavailable.' : null,
    },
    {
      mode: 'forget',
      label: 'Remove them from DocuVault only',
      consequence:
        `DocuVault forgets the ${documents} and removes the ${folders} from its list. ` +
        `The files stay on ${server}, untouched, where the provider’s own apps can still reach them.`,
      unavailableBecause: null,
    },
  ];
}

/** The choice that loses least: documents stay listed, else DocuVault only forgets them. */
export function safestChoice(choices: readonly DisconnectChoice[]): DisconnectMode {
  return (choices.find((c) => c.mode === 'keep-listed' && !c.unavailableBecause) ?? choices.find((c) => c.mode === 'forget'))?.mode ?? 'forget';
}
