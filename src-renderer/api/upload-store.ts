import type { UploadBatchDto, UploadItemDto, UploadProgressEvent } from '../../src-shared/domain';
import { fail, type Result } from '../../src-shared/result';
import type { DocuVaultClient } from './client';

export interface UploadEntry {
  readonly item: UploadItemDto;
  /** The file the window handed over; null for files picked in a native dialog (main knows their paths). */
  readonly file: File | null;
}

export interface UploadTotals {
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly filesDone: number;
  readonly filesFailed: number;
  readonly filesTotal: number;
  readonly running: number;
}

const FINISHED = new Set(['done', 'failed', 'cancelled']);

export function isFinished(item: UploadItemDto): boolean {
  return FINISHED.has(item.state);
}

/**
 * Everything the upload panel shows: items of every batch this window started,
 * updated by `uploads:progress`. Progress can arrive before the call that started
 * the batch has answered, so whichever comes first creates the entry and the
 * answer only adds what events cannot carry: the File, for a retry.
 */
export class UploadStore {
  private entries = new Map<string, UploadEntry>();
  private snapshot: readonly UploadEntry[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly client: DocuVaultClient) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): readonly UploadEntry[] => this.snapshot;

  /** Hands files the person dropped or picked to main. */
  async uploadFiles(folderId: string, files: readonly File[]): Promise<Result<UploadBatchDto>> {
    const result = await this.client.uploadFiles(folderId, files);
    if (result.ok) this.addBatch(result.value, files);
    return result;
  }

  /** Opens main's native picker; answers UNSUPPORTED where there is none (the browser preview). */
  async uploadFromDialog(folderId: string): Promise<Result<UploadBatchDto>> {
    const result = await this.client.invoke('documents:upload-from-dialog', { folderId });
    if (result.ok) this.addBatch(result.value, []);
    return result;
  }

  /** Uploads files the operating system offered (see the `files:offered` event) into a folder. */
  async acceptOfferedFiles(offerId: string, folderId: string): Promise<Result<UploadBatchDto>> {
    const result = await this.client.invoke('documents:accept-offered-files', { offerId, folderId });
    if (result.ok) this.addBatch(result.value, []);
    return result;
  }

  async cancel(uploadId: string): Promise<Result<{ cancelled: boolean }>> {
    return this.client.invoke('documents:cancel-upload', { uploadId });
  }

  /** Uploads the same File again, into the same folder, replacing the failed entry. */
  async retry(uploadId: string): Promise<Result<UploadBatchDto>> {
    const entry = this.entries.get(uploadId);
    if (!entry?.file) return fail('UNSUPPORTED', 'This upload cannot be retried from here. Upload the file again.');
    const result = await this.uploadFiles(entry.item.folderId, [entry.file]);
    if (result.ok) this.remove([uploadId]);
    return result;
  }

  dismiss(uploadId: string): void {
    this.remove([uploadId]);
  }

  clearFinished(): void {
    this.remove([...this.entries.values()].filter((e) => isFinished(e.item)).map((e) => e.item.uploadId));
  }

  applyProgress(event: UploadProgressEvent): void {
    if (event.items.length === 0) return;
    for (const item of event.items) {
      const existing = this.entries.get(item.uploadId);
      this.entries.set(item.uploadId, { item, file: existing?.file ?? null });
    }
    this.publish();
  }

  private addBatch(batch: UploadBatchDto, files: readonly File[]): void {
    if (batch.items.length === 0) return;
    batch.items.forEach((item, index) => {
      const existing = this.entries.get(item.uploadId);
      // Main answers items in the order the files were given.
      const file = files[index] ?? null;
      this.entries.set(item.uploadId, existing ? { item: existing.item, file } : { item, file });
    });
    this.publish();
  }

  private remove(uploadIds: readonly string[]): void {
    let changed = false;
    for (const id of uploadIds) changed = this.entries.delete(id) || changed;
    if (changed) this.publish();
  }

  private publish(): void {
    this.snapshot = [...this.entries.values()];
    for (const listener of this.listeners) listener();
  }
}

export function uploadTotals(entries: readonly UploadEntry[]): UploadTotals {
  let bytesDone = 0;
  let bytesTotal = 0;
  let filesDone = 0;
  let filesFailed = 0;
  let running = 0;
  for (const { item } of entries) {
    // A finished file counts as complete, whatever its last byte report said.
    const total = item.bytesTotal ?? 0;
    bytesTotal += total;
    bytesDone += item.state === 'done' ? total : Math.min(item.bytesDone, total);
    if (item.state === 'done') filesDone++;
    else if (item.state === 'failed' || item.state === 'cancelled') filesFailed++;
    else running++;
  }
  return { bytesDone, bytesTotal, filesDone, filesFailed, filesTotal: entries.length, running };
}
