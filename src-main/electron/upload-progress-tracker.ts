import type { UploadProgressEvent } from '../../src-shared/domain';
import type { Clock } from '../core/ports';

export interface FinishedBatch {
  readonly batchId: string;
  readonly done: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly total: number;
  readonly durationMs: number;
}

export interface ProgressUpdate {
  /** 0..1 across every batch still running, or null when none is (the bar goes away). */
  readonly fraction: number | null;
  readonly finished: FinishedBatch | null;
}

interface BatchState {
  readonly startedAt: number;
  readonly states: Map<string, string>;
  overall: UploadProgressEvent['overall'];
}

/**
 * Follows `uploads:progress` events: the overall fraction for the dock or
 * taskbar bar, and each batch's outcome when its last file settles. Events
 * carry only the items that changed, so item states are remembered per batch
 * to tell failures from cancellations at the end.
 */
export class UploadProgressTracker {
  private readonly batches = new Map<string, BatchState>();

  constructor(private readonly clock: Clock) {}

  update(event: UploadProgressEvent): ProgressUpdate {
    let batch = this.batches.get(event.batchId);
    if (!batch) {
      batch = { startedAt: this.clock.now().getTime(), states: new Map(), overall: event.overall };
      this.batches.set(event.batchId, batch);
    }
    batch.overall = event.overall;
    for (const item of event.items) batch.states.set(item.uploadId, item.state);
    let finished: FinishedBatch | null = null;
    const { filesDone, filesFailed, filesTotal } = event.overall;
    if (filesDone + filesFailed >= filesTotal) {
      this.batches.delete(event.batchId);
      const cancelled = [...batch.states.values()].filter((state) => state === 'cancelled').length;
      finished = {
        batchId: event.batchId,
        done: filesDone,
        failed: Math.max(0, filesFailed - cancelled),
        cancelled,
        total: filesTotal,
        durationMs: this.clock.now().getTime() - batch.startedAt,
      };
    }
    return { fraction: this.fraction(), finished };
  }

  private fraction(): number | null {
    if (this.batches.size === 0) return null;
    let bytesDone = 0;
    let bytesTotal = 0;
    let filesSettled = 0;
    let filesTotal = 0;
    for (const { overall } of this.batches.values()) {
      bytesDone += overall.bytesDone;
      bytesTotal += overall.bytesTotal;
      filesSettled += overall.filesDone + overall.filesFailed;
      filesTotal += overall.filesTotal;
    }
    // Sizes are unknown until files are opened: count files until then.
    const fraction = bytesTotal > 0 ? bytesDone / bytesTotal : filesTotal > 0 ? filesSettled / filesTotal : 0;
    return Math.min(1, Math.max(0, fraction));
  }
}
