import { beforeEach, describe, expect, it } from 'vitest';
import type { UploadItemDto, UploadProgressEvent, UploadState } from '../../../src-shared/domain';
import { silentLogger } from '../../../src-main/core/ports';
import { EventBus } from '../../../src-main/core/util/event-bus';
import { createAppWindow } from '../../../src-main/electron/app-window';
import { LONG_BATCH_MS, notificationFor, showUploadsOutsideTheWindow } from '../../../src-main/electron/upload-attention';
import { UploadProgressTracker } from '../../../src-main/electron/upload-progress-tracker';
import { BrowserWindow, Notification, resetElectronDouble } from '../../support/electron-double';

let now = 0;
const clock = { now: () => new Date(now) };

function item(uploadId: string, state: UploadState, bytesDone: number, bytesTotal: number | null): UploadItemDto {
  return { uploadId, batchId: 'b1', folderId: 'f', name: `${uploadId}.pdf`, state, bytesDone, bytesTotal, documentId: null, error: null };
}

function progress(items: UploadItemDto[], overall: UploadProgressEvent['overall'], batchId = 'b1'): UploadProgressEvent {
  return { batchId, items, overall };
}

describe('following upload batches', () => {
  beforeEach(() => {
    now = 0;
  });

  it('reports the fraction of bytes across running batches, and null once all are done', () => {
    const tracker = new UploadProgressTracker(clock);
    expect(tracker.update(progress([item('a', 'uploading', 25, 100)], { bytesDone: 25, bytesTotal: 100, filesDone: 0, filesFailed: 0, filesTotal: 2 })).fraction).toBe(0.25);
    expect(
      tracker.update(progress([item('c', 'uploading', 0, 300)], { bytesDone: 0, bytesTotal: 300, filesDone: 0, filesFailed: 0, filesTotal: 1 }, 'b2')).fraction,
    ).toBe(0.0625);
    tracker.update(progress([], { bytesDone: 300, bytesTotal: 300, filesDone: 1, filesFailed: 0, filesTotal: 1 }, 'b2'));
    const last = tracker.update(progress([], { bytesDone: 200, bytesTotal: 200, filesDone: 2, filesFailed: 0, filesTotal: 2 }));
    expect(last.fraction).toBeNull();
  });

  it('counts files while sizes are still unknown', () => {
    const tracker = new UploadProgressTracker(clock);
    expect(tracker.update(progress([], { bytesDone: 0, bytesTotal: 0, filesDone: 1, filesFailed: 0, filesTotal: 4 })).fraction).toBe(0.25);
  });

  it('tells failures from cancellations, and how long the batch took', () => {
    const tracker = new UploadProgressTracker(clock);
    tracker.update(progress([item('a', 'queued', 0, 1), item('b', 'queued', 0, 1), item('c', 'queued', 0, 1)], { bytesDone: 0, bytesTotal: 3, filesDone: 0, filesFailed: 0, filesTotal: 3 }));
    now = 42_000;
    const { finished } = tracker.update(
      progress([item('a', 'done', 1, 1), item('b', 'failed', 0, 1), item('c', 'cancelled', 0, 1)], { bytesDone: 1, bytesTotal: 3, filesDone: 1, filesFailed: 2, filesTotal: 3 }),
    );
    expect(finished).toEqual({ batchId: 'b1', done: 1, failed: 1, cancelled: 1, total: 3, durationMs: 42_000 });
  });

  it('words the notification for people, and stays silent about a batch that was only cancelled', () => {
    expect(notificationFor({ batchId: 'b', done: 12, failed: 0, cancelled: 0, total: 12, durationMs: 1 })).toEqual({ title: 'Uploads finished', body: '12 documents uploaded.' });
    expect(notificationFor({ batchId: 'b', done: 9, failed: 3, cancelled: 0, total: 12, durationMs: 1 })?.body).toBe(
      '3 documents could not be uploaded; 9 uploaded. Open DocuVault to see why.',
    );
    expect(notificationFor({ batchId: 'b', done: 0, failed: 1, cancelled: 0, total: 1, durationMs: 1 })?.title).toBe('Uploads failed');
    expect(notificationFor({ batchId: 'b', done: 0, failed: 0, cancelled: 4, total: 4, durationMs: 1 })).toBeNull();
  });
});

describe('uploads outside the window', () => {
  beforeEach(() => {
    resetElectronDouble();
    now = 0;
  });

  function setUp() {
    const events = new EventBus();
    const window = createAppWindow({ preloadPath: '/p.cjs', logger: silentLogger });
    const fake = BrowserWindow.instances.at(-1)!;
    showUploadsOutsideTheWindow({ events, getWindow: () => window, clock });
    return { events, fake };
  }

  function runBatch(events: EventBus, durationMs: number, outcome: UploadState = 'done') {
    events.emit('uploads:progress', progress([item('a', 'uploading', 50, 100)], { bytesDone: 50, bytesTotal: 100, filesDone: 0, filesFailed: 0, filesTotal: 1 }));
    now += durationMs;
    const failed = outcome === 'done' ? 0 : 1;
    events.emit('uploads:progress', progress([item('a', outcome, 100, 100)], { bytesDone: 100, bytesTotal: 100, filesDone: 1 - failed, filesFailed: failed, filesTotal: 1 }));
  }

  it('shows the dock/taskbar progress bar while uploading and removes it after', () => {
    const { events, fake } = setUp();
    runBatch(events, 1000);
    expect(fake.progressBar).toEqual([0.5, -1]);
  });

  it('notifies when a long batch finishes while the person is in another app; a click brings the window back', () => {
    const { events, fake } = setUp();
    fake.blur();
    fake.minimize();
    runBatch(events, LONG_BATCH_MS);
    expect(Notification.instances).toHaveLength(1);
    const [notification] = Notification.instances;
    expect(notification!.shown).toBe(true);
    expect(notification!.options).toMatchObject({ title: 'Uploads finished', body: '1 document uploaded.' });
    notification!.click();
    expect(fake.isMinimized()).toBe(false);
    expect(fake.focused).toBe(true);
  });

  it('notifies about a long batch that failed', () => {
    const { events, fake } = setUp();
    fake.blur();
    runBatch(events, LONG_BATCH_MS + 5000, 'failed');
    expect(Notification.instances[0]!.options['title']).toBe('Uploads failed');
  });

  it('does not notify for a short batch, a focused window, or where notifications are unsupported', () => {
    const { events, fake } = setUp();
    fake.blur();
    runBatch(events, LONG_BATCH_MS - 1);
    fake.focus();
    runBatch(events, LONG_BATCH_MS);
    fake.blur();
    Notification.supported = false;
    runBatch(events, LONG_BATCH_MS);
    expect(Notification.instances).toEqual([]);
  });
});
