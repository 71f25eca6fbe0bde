import type { BridgeFile } from '../../../src-shared/bridge';
import type { UploadBatchDto, UploadProgressEvent } from '../../../src-shared/domain';
import { fail, ok, type Result } from '../../../src-shared/result';
import { PREVIEW_ROUTES, type AnnouncedUploads, type UploadAnnouncement } from '../protocol';
import type { EventHub } from './event-hub';
import { postJson } from './http-result';

/**
 * Bodies in flight at once. Below the core's three parallel uploads, and it
 * leaves the browser's six connections per host free for the API and events.
 */
const PARALLEL_BODIES = 2;

interface Body {
  readonly ref: string;
  readonly uploadId: string;
  readonly file: Blob;
  readonly abort: AbortController;
}

/**
 * Streams files to the preview: announce them (the core starts the batch and the
 * window can show progress at once), then PUT each File as a request body, which
 * the browser streams from disk; bytes never pass through JSON or base64.
 *
 * Bodies go out in the order the core will read them (announcements are
 * serialised, bodies queued first-in first-out), so a body the core waits for
 * is never stuck behind one it will only read later. A body whose item ends
 * early (cancelled, refused over quota) is not sent, or stops being sent.
 */
export class FileUploader {
  private announcing: Promise<unknown> = Promise.resolve();
  private readonly queue: Body[] = [];
  private readonly pendingBodies = new Map<string, Body>();
  private active = 0;
  private announcements = 0;
  private stopFollowing: (() => void) | null = null;

  constructor(private readonly events: EventHub) {}

  uploadFiles(folderId: string, files: readonly BridgeFile[]): Promise<Result<UploadBatchDto>> {
    const blobs: Blob[] = [];
    for (const file of files) {
      if (!(file instanceof Blob)) return Promise.resolve(fail('VALIDATION', 'Only files chosen or dropped in this window can be uploaded.'));
      blobs.push(file);
    }
    const announcement: UploadAnnouncement = { folderId, files: files.map((f) => ({ name: f.name, size: f.size })) };
    // Follow item outcomes before the batch starts, so an early end is never missed.
    this.follow();
    this.announcements++;
    const announced = this.announcing.then(() => postJson<AnnouncedUploads>(PREVIEW_ROUTES.uploads, announcement));
    this.announcing = announced;
    return announced.then((result) => {
      this.announcements--;
      if (!result.ok) {
        this.unfollowWhenIdle();
        return result;
      }
      const { batch, refs } = result.value;
      refs.forEach((ref, index) => {
        const body: Body = { ref, uploadId: batch.items[index]!.uploadId, file: blobs[index]!, abort: new AbortController() };
        this.queue.push(body);
        this.pendingBodies.set(body.uploadId, body);
      });
      this.pump();
      return ok(batch);
    });
  }

  private follow(): void {
    this.stopFollowing ??= this.events.on('uploads:progress', (event) => this.onProgress(event));
  }

  private unfollowWhenIdle(): void {
    if (this.pendingBodies.size > 0 || this.active > 0 || this.announcements > 0) return;
    this.stopFollowing?.();
    this.stopFollowing = null;
  }

  private onProgress(event: UploadProgressEvent): void {
    for (const item of event.items) {
      if (item.state !== 'failed' && item.state !== 'cancelled') continue;
      this.pendingBodies.get(item.uploadId)?.abort.abort();
    }
  }

  private pump(): void {
    while (this.active < PARALLEL_BODIES && this.queue.length > 0) {
      const next = this.queue.shift()!;
      if (next.abort.signal.aborted) {
        this.pendingBodies.delete(next.uploadId);
        continue;
      }
      this.active++;
      void this.send(next).finally(() => {
        this.active--;
        this.pendingBodies.delete(next.uploadId);
        this.pump();
        this.unfollowWhenIdle();
      });
    }
    this.unfollowWhenIdle();
  }

  private async send({ ref, file, abort }: Body): Promise<void> {
    try {
      await fetch(`${PREVIEW_ROUTES.uploads}/${encodeURIComponent(ref)}`, {
        method: 'PUT',
        body: file,
        headers: { 'Content-Type': 'application/octet-stream' },
        credentials: 'same-origin',
        cache: 'no-store',
        signal: abort.signal,
      });
    } catch {
      // Aborted, or the server went away: the item's outcome reaches the window as an upload event.
    }
  }
}
