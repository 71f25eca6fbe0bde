import type { BrowserWindow } from 'electron';
import type { EventBus } from '../core/util/event-bus';
import { bringToFront } from './window-focus';

/**
 * When a browser sign-in creates a connection, the person is still looking at
 * the browser: the window comes to the front. The page itself listens to the
 * same event, shows the notice and opens Settings → Connections. A failed or
 * refused sign-in does not steal focus; the page shows its message when the
 * person comes back.
 */
export function focusWhenSignInConnects(events: EventBus, getWindow: () => BrowserWindow | null): () => void {
  return events.on('connections:login-finished', (finished) => {
    if (finished.connection) bringToFront(getWindow());
  });
}
