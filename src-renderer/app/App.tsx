import type { DocuVaultClient } from '../api';
import { ClientProvider, ConnectionsProvider, UploadsProvider } from '../api';
import { ConfirmProvider } from '../ui/confirm';
import { ContextMenuProvider } from '../ui/context-menu';
import { ToastProvider } from '../ui/toasts';
import { Library } from './Library';
import './theme.css';
import './base.css';

export function App({ client }: { client: DocuVaultClient }) {
  return (
    <ClientProvider client={client}>
      <ToastProvider>
        <ConfirmProvider>
          <ContextMenuProvider>
            <UploadsProvider>
              <ConnectionsProvider>
                <Library />
              </ConnectionsProvider>
            </UploadsProvider>
          </ContextMenuProvider>
        </ConfirmProvider>
      </ToastProvider>
    </ClientProvider>
  );
}

/** What the window shows when it was opened without DocuVault's bridge (for example as a plain file). */
export function MissingBridge() {
  return (
    <div className="list-status" role="alert">
      <p>DocuVault cannot reach its storage service from this window. Start DocuVault again.</p>
    </div>
  );
}
