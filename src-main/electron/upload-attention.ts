import { Notification, type BrowserWindow } from 'electron';
import { systemClock, type Clock } from '../core/ports';
import type { EventBus } from '../core/util/event-bus';
import { UploadProgressTracker, type FinishedBatch } from './upload-progress-tracker';
import { bringToFront } from './window-focus';

/** A batch shorter than this finished while the person was still looking: no notification. */
export const LONG_BATCH_MS = 10_000;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** What the notification says; null when there is nothing worth interrupting for (everything was cancelled). */
export function notificationFor(batch: FinishedBatch): { title: string; body: string } | null {
  if (batch.failed > 0) {
    return {
      title: batch.done > 0 ? 'Some uploads failed' : 'Uploads failed',
      body: `${plural(batch.failed, 'document')} could not be uploaded${batch.done > 0 ? `; ${batch.done} uploaded` : ''}. Open DocuVault to see why.`,
    };
  }
  if (batch.done > 0) return { title: 'Uploads finished', body: `${plural(batch.done, 'document')} uploaded.` };
  return null;
}

export interface UploadAttentionOptions {
  readonly events: EventBus;
  readonly getWindow: () => BrowserWindow | null;
  readonly clock?: Clock;
}

/**
 * Upload progress outside the window: the dock/taskbar progress bar while
 * files upload, and a system notification when a long batch ends while the
 * person is in another app. Clicking the notification brings the window back.
 */
export function showUploadsOutsideTheWindow({ events, getWindow, clock = systemClock }: UploadAttentionOptions): () => void {
  const tracker = new UploadProgressTracker(clock);
  return events.on('uploads:progress', (event) => {
    const { fraction, finished } = tracker.update(event);
    const window = getWindow();
    if (!window || window.isDestroyed()) return;
    // -1 removes the bar.
    window.setProgressBar(fraction ?? -1);
    if (!finished || finished.durationMs < LONG_BATCH_MS || window.isFocused() || !Notification.isSupported()) return;
    const text = notificationFor(finished);
    if (!text) return;
    const notification = new Notification({ title: text.title, body: text.body, silent: false });
    notification.on('click', () => bringToFront(getWindow()));
    notification.show();
  });
}
