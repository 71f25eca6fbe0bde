export type SettingsSectionId = 'connections' | 'vault' | 'privacy';

export const SETTINGS_SECTIONS: ReadonlyArray<{ readonly id: SettingsSectionId; readonly label: string }> = [
  { id: 'connections', label: 'Connections' },
  { id: 'vault', label: 'Vault' },
  { id: 'privacy', label: 'Privacy & data' },
];
