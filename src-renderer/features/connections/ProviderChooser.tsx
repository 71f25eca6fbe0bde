import { useId, useState } from 'react';
import type { ConnectionProvider } from '../../../src-shared/domain';
import type { BrowserSignInProvider } from '../../api';
import { CloudIcon, ServerIcon } from '../../ui/icons';
import { providerName } from './connection-text';

interface ProviderChoice {
  readonly provider: ConnectionProvider;
  readonly description: string;
  readonly signsInWithBrowser: boolean;
}

const CHOICES: readonly ProviderChoice[] = [
  { provider: 's3', description: 'A bucket on AWS S3, MinIO, Cloudflare R2 or another S3-compatible service.', signsInWithBrowser: false },
  { provider: 'webdav', description: 'Any WebDAV server: a NAS, ownCloud, a hosting provider.', signsInWithBrowser: false },
  { provider: 'nextcloud', description: 'Your Nextcloud server, signed in with your browser or an app password.', signsInWithBrowser: false },
  { provider: 'google_drive', description: 'Sign in with your Google account in your browser.', signsInWithBrowser: true },
  { provider: 'onedrive', description: 'Sign in with your Microsoft account in your browser.', signsInWithBrowser: true },
];

interface ProviderChooserProps {
  readonly unavailable: ReadonlyMap<BrowserSignInProvider, string>;
  readonly busyProvider: ConnectionProvider | null;
  readonly onChoose: (provider: ConnectionProvider) => void;
}

/**
 * The kinds of storage DocuVault connects to. A provider this build cannot sign in
 * to keeps its button (so the person learns why) with main's sentence under it,
 * shown from the start when main said so up front, announced when clicked.
 */
export function ProviderChooser({ unavailable, busyProvider, onChoose }: ProviderChooserProps) {
  const id = useId();
  // Only the sentence that just arrived is announced; the others are plain text.
  const [announced, setAnnounced] = useState<ConnectionProvider | null>(null);
  return (
    <ul className="provider-list">
      {CHOICES.map(({ provider, description, signsInWithBrowser }) => {
        const reason = signsInWithBrowser ? unavailable.get(provider as BrowserSignInProvider) : undefined;
        const noteId = `${id}-${provider}`;
        return (
          <li key={provider} className={reason ? 'provider provider--unavailable' : 'provider'}>
            <button
              type="button"
              className="provider__button"
              aria-describedby={noteId}
              aria-disabled={reason ? true : undefined}
              aria-busy={busyProvider === provider || undefined}
              onClick={() => {
                if (busyProvider) return;
                setAnnounced(provider);
                // A provider known to be unavailable only says why again; nothing is asked of main.
                if (!reason) onChoose(provider);
              }}
            >
              {signsInWithBrowser ? <CloudIcon /> : <ServerIcon />}
              <span className="provider__name">{providerName(provider)}</span>
            </button>
            <p id={noteId} className={reason ? 'provider__note provider__note--unavailable' : 'provider__note'} role={reason && announced === provider ? 'alert' : undefined}>
              {reason ?? description}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
