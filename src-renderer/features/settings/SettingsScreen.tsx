import { useEffect, useRef } from 'react';
import { BackIcon } from '../../ui/icons';
import { ConnectionsSection, type ReconnectRequest } from '../connections/ConnectionsSection';
import { PrivacySection } from './PrivacySection';
import { SETTINGS_SECTIONS, type SettingsSectionId } from './settings-sections';
import { VaultSection } from './VaultSection';
import './settings.css';

export interface SettingsScreenProps {
  readonly section: SettingsSectionId;
  readonly onSection: (section: SettingsSectionId) => void;
  readonly reconnectRequest: ReconnectRequest | null;
  readonly onReconnectHandled: () => void;
  readonly onClose: () => void;
}

/** Settings, in place of the folder's documents: Connections, Vault, Privacy & data. Loaded on first use. */
export default function SettingsScreen({ section, onSection, reconnectRequest, onReconnectHandled, onClose }: SettingsScreenProps) {
  const heading = useRef<HTMLHeadingElement>(null);

  // Opening Settings moves focus to its heading, so keyboard and screen reader users start at the top of it.
  useEffect(() => heading.current?.focus(), []);

  return (
    <div className="settings">
      <header className="toolbar settings__toolbar">
        <button type="button" className="icon-button" aria-label="Back to library" title="Back to library" onClick={onClose}>
          <BackIcon />
        </button>
        <h1 ref={heading} tabIndex={-1} className="toolbar__heading">
          Settings
        </h1>
      </header>
      <div className="settings__body">
        <nav className="settings__nav" aria-label="Settings sections">
          <ul>
            {SETTINGS_SECTIONS.map(({ id, label }) => (
              <li key={id}>
                <button
                  type="button"
                  className="settings__nav-button"
                  aria-current={section === id ? 'page' : undefined}
                  onClick={() => onSection(id)}
                >
                  {label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings__content">
          {section === 'connections' && <ConnectionsSection reconnectRequest={reconnectRequest} onReconnectHandled={onReconnectHandled} />}
          {section === 'vault' && <VaultSection />}
          {section === 'privacy' && <PrivacySection onAllDataRemoved={onClose} />}
        </div>
      </div>
    </div>
  );
}
