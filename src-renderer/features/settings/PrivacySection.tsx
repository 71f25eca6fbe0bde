import { useState } from 'react';
import { useConnections, useVaultInfo } from '../../api';
import { ConsentNotice } from '../connections/ConsentNotice';
import { useConsentGate } from '../connections/use-consent-gate';
import { RemoveAllDataDialog } from './RemoveAllDataDialog';

/** Settings → Privacy & data: how passwords are protected, and removing everything DocuVault keeps. */
export function PrivacySection({ onAllDataRemoved }: { onAllDataRemoved: () => void }) {
  const { protection, connections } = useConnections();
  const { info } = useVaultInfo();
  const gate = useConsentGate();
  const [removing, setRemoving] = useState(false);

  return (
    <section className="settings-section" aria-label="Privacy & data">
      <header className="settings-section__header">
        <div>
          <h2 className="settings-section__title">Privacy &amp; data</h2>
        </div>
      </header>
      <div className="settings-group">
        <h3 className="settings-group__title">Password protection</h3>
        {!protection ? (
          <p className="settings-group__text" role="status">
            Checking…
          </p>
        ) : protection.consentRequired || gate.acceptedNow ? (
          <ConsentNotice protection={protection} gate={gate} />
        ) : (
          <p className="settings-group__text">{protection.message}</p>
        )}
      </div>
      <div className="settings-group">
        <h3 className="settings-group__title">Remove all DocuVault data</h3>
        <p className="settings-group__text">
          Deletes your local vault, folders, saved passwords and sign-ins from this computer. You choose whether documents on your
          servers stay there.
        </p>
        <button type="button" className="button button--danger" onClick={() => setRemoving(true)}>
          Remove all DocuVault data…
        </button>
      </div>
      {removing && (
        <RemoveAllDataDialog
          connections={connections ?? []}
          localDocuments={info?.documentCount ?? null}
          onClose={() => setRemoving(false)}
          onRemoved={() => {
            setRemoving(false);
            onAllDataRemoved();
          }}
        />
      )}
    </section>
  );
}
