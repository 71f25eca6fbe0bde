import type { ConnectionDto } from '../../../src-shared/domain';
import { formatBytes, plural } from '../../ui/format';
import { providerName } from './connection-text';

/** Settings worth showing first, by the names providers' adapters use; anything else follows. */
const KNOWN_SETTINGS: ReadonlyArray<readonly [string, string]> = [
  ['url', 'Server'],
  ['serverUrl', 'Server'],
  ['endpoint', 'Endpoint'],
  ['bucket', 'Bucket'],
  ['region', 'Region'],
  ['prefix', 'Prefix'],
  ['rootFolder', 'Folder'],
];

function settingLines(settings: ConnectionDto['settings']): Array<{ name: string; value: string }> {
  const shown = new Set<string>();
  const lines: Array<{ name: string; value: string }> = [];
  for (const [key, name] of KNOWN_SETTINGS) {
    const value = settings[key];
    if (value === null || value === undefined || value === '' || shown.has(name)) continue;
    shown.add(name);
    lines.push({ name, value: String(value) });
  }
  return lines;
}

/** Who a connection signs in as, where it points, what it holds. Never anything secret: the DTO has none. */
export function ConnectionDetails({ connection }: { connection: ConnectionDto }) {
  return (
    <dl className="connection__details">
      <div>
        <dt>Type</dt>
        <dd>{providerName(connection.provider)}</dd>
      </div>
      {connection.account && (
        <div>
          <dt>Account</dt>
          <dd>{connection.account}</dd>
        </div>
      )}
      {settingLines(connection.settings).map((line) => (
        <div key={line.name}>
          <dt>{line.name}</dt>
          <dd>{line.value}</dd>
        </div>
      ))}
      <div>
        <dt>Holds</dt>
        <dd>
          {plural(connection.folderCount, 'folder')}, {plural(connection.documentCount, 'document')}
        </dd>
      </div>
      {connection.provider === 's3' && (
        <div>
          <dt>Quota</dt>
          <dd>{connection.quotaBytes === null ? 'No limit' : formatBytes(connection.quotaBytes)}</dd>
        </div>
      )}
    </dl>
  );
}
