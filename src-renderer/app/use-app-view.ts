import { useCallback, useState } from 'react';
import type { ReconnectRequest } from '../features/connections/ConnectionsSection';
import type { SettingsSectionId } from '../features/settings/settings-sections';

export type AppView =
  | { readonly screen: 'library' }
  | { readonly screen: 'settings'; readonly section: SettingsSectionId; readonly reconnect: ReconnectRequest | null };

export interface AppNavigation {
  readonly view: AppView;
  readonly showLibrary: () => void;
  readonly showSettings: (section?: SettingsSectionId) => void;
  /** Settings → Connections, where the reconnect for that connection starts at once. */
  readonly reconnect: (connectionId: string) => void;
  readonly reconnectHandled: () => void;
}

let nonce = 0;

/** Which screen the window shows: the Library, or Settings at one of its sections. */
export function useAppView(): AppNavigation {
  const [view, setView] = useState<AppView>({ screen: 'library' });
  const showLibrary = useCallback(() => setView({ screen: 'library' }), []);
  const showSettings = useCallback(
    (section: SettingsSectionId = 'connections') =>
      setView((current) => ({ screen: 'settings', section, reconnect: current.screen === 'settings' ? current.reconnect : null })),
    [],
  );
  const reconnect = useCallback(
    (connectionId: string) => setView({ screen: 'settings', section: 'connections', reconnect: { connectionId, nonce: ++nonce } }),
    [],
  );
  const reconnectHandled = useCallback(
    () => setView((current) => (current.screen === 'settings' && current.reconnect ? { ...current, reconnect: null } : current)),
    [],
  );
  return { view, showLibrary, showSettings, reconnect, reconnectHandled };
}
