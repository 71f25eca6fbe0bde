import type { DocuVaultBridge } from '../../src-shared/bridge';

declare global {
  interface Window {
    /** Installed by the Electron preload or by the browser preview's bridge script. */
    readonly docuvault?: DocuVaultBridge;
  }
}

/** The bridge the host installed, or null when the page was opened outside DocuVault. */
export function windowBridge(): DocuVaultBridge | null {
  return window.docuvault ?? null;
}
