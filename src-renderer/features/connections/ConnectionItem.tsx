import { useId, useState } from 'react';
import type { ConnectionDto, ConnectionTestDto } from '../../../src-shared/domain';
import { useInvoke } from '../../api';
import { formatBytes } from '../../ui/format';
import { ConnectionDetails } from './ConnectionDetails';
import { needsReconnect, providerName, statusText } from './connection-text';
import { QuotaForm } from './QuotaForm';
import { RenameConnectionForm } from './RenameConnectionForm';
import { StatusBadge } from './StatusBadge';

interface ConnectionItemProps {
  readonly connection: ConnectionDto;
  readonly onReconnect: (connection: ConnectionDto) => void;
  readonly onDisconnect: (connection: ConnectionDto) => void;
}

type Editing = 'rename' | 'quota' | null;
type TestState = { readonly running: true } | { readonly running: false; readonly result: ConnectionTestDto } | null;

function testSummary(result: ConnectionTestDto): string {
  if (!result.ok) return result.message;
  return result.freeBytes === null ? result.message : `${result.message} ${formatBytes(result.freeBytes)} free.`;
}

/** One connection: its status in words, where it points, and Test, Reconnect, Rename, Disconnect. */
export function ConnectionItem({ connection, onReconnect, onDisconnect }: ConnectionItemProps) {
  const invoke = useInvoke();
  const labelId = useId();
  const [editing, setEditing] = useState<Editing>(null);
  const [test, setTest] = useState<TestState>(null);
  const attention = needsReconnect(connection.status);

  const runTest = async () => {
    setTest({ running: true });
    const result = await invoke('connections:test', { id: connection.id });
    setTest({ running: false, result: result.ok ? result.value : { ok: false, message: result.error.message, freeBytes: null } });
  };

  return (
    <li
      className={`connection connection--${connection.status.toLowerCase()}`}
      // Named by its label first, so people (and tests) find it by name; type and status follow.
      aria-label={`${connection.label}, ${providerName(connection.provider)}, ${statusText(connection.status)}`}
    >
      <div className="connection__header">
        <h3 id={labelId} className="connection__label">
          {connection.label}
        </h3>
        <StatusBadge status={connection.status} />
      </div>
      <ConnectionDetails connection={connection} />
      {connection.lastError && connection.status !== 'ACTIVE' && <p className="connection__error">{connection.lastError}</p>}
      {editing === 'rename' && <RenameConnectionForm connection={connection} onDone={() => setEditing(null)} />}
      {editing === 'quota' && (
        <QuotaForm
          label="Quota"
          quotaBytes={connection.quotaBytes}
          autoFocus
          onSave={(quotaBytes) => invoke('connections:set-quota', { id: connection.id, quotaBytes })}
          onDone={() => setEditing(null)}
        />
      )}
      <div className="connection__actions" role="group" aria-labelledby={labelId}>
        <button type="button" className="button" onClick={() => void runTest()} disabled={test?.running === true} aria-describedby={labelId}>
          {test?.running ? 'Testing…' : 'Test'}
        </button>
        <button
          type="button"
          className={attention ? 'button button--primary' : 'button'}
          onClick={() => onReconnect(connection)}
          aria-describedby={labelId}
        >
          Reconnect
        </button>
        <button type="button" className="button" onClick={() => setEditing('rename')} aria-describedby={labelId}>
          Rename
        </button>
        {connection.provider === 's3' && (
          <button type="button" className="button" onClick={() => setEditing('quota')} aria-describedby={labelId}>
            Change quota
          </button>
        )}
        <button type="button" className="button button--quiet connection__disconnect" onClick={() => onDisconnect(connection)} aria-describedby={labelId}>
          Disconnect
        </button>
      </div>
      <p className={test && !test.running && !test.result.ok ? 'connection__test connection__test--failed' : 'connection__test'} role="status">
        {test && !test.running ? testSummary(test.result) : ''}
      </p>
    </li>
  );
}
