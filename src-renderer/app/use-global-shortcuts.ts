import { useEffect, useEffectEvent } from 'react';

interface Shortcuts {
  readonly onUpload: () => void;
  readonly onFind: () => void;
  readonly onSettings: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

function modalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/**
 * Window-wide keys: Ctrl/Cmd+O uploads (the keyboard way to add files, WCAG 2.5.7),
 * Ctrl/Cmd+F searches, Ctrl/Cmd+, opens Settings (the platforms' convention).
 */
export function useGlobalShortcuts(shortcuts: Shortcuts): void {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    const command = isMac ? event.metaKey : event.ctrlKey;
    if (!command || event.altKey || event.shiftKey || modalOpen()) return;
    const key = event.key.toLowerCase();
    if (key === 'o') shortcuts.onUpload();
    else if (key === 'f') shortcuts.onFind();
    else if (key === ',') shortcuts.onSettings();
    else return;
    event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
