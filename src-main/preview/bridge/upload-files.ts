import type { BridgeFile } from '../../../src-shared/bridge';
import type { UploadBatchDto } from '../../../src-shared/domain';
import { fail, ok, type Result } from '../../../src-shared/result';
import { PREVIEW_ROUTES, type AnnouncedUploads, type UploadAnnouncement } from '../protocol';
import { postJson } from './http-result';

/**
 * Bodies in flight at once. Below the core's three parallel uploads, and it
 * leaves the browser's six connections per host free for the API and events.
 */
const PARALLEL_BODIES = 2;

interface QueuedBody {
  readonly ref: string;
  readonly file: Blob;
}

/**
 * Streams files to the preview: announce them (the core starts the batch and the
 * window can show progress at once), then PUT each File as a request body, which
 * the browser streams from disk; bytes never pass through JSON or base64.
 *
 * Bodies go out in the order the core will read them (announcements are
 * serialised, bodies queued first-in first-out), so a body the core waits for
 * is never stuck behind one it will only read later.
 */
export class FileUploader {
  private announcing: Promise<unknown> = Promise.resolve();
  private readonly queue: QueuedBody[] = [];
  private active = 0;

  uploadFiles(folderId: string, files: readonly BridgeFile[]): Promise<Result<UploadBatchDto>> {
    const blobs: Blob[] = [];
    for (const file of files) {
      if (!(file instanceof Blob)) return Promise.resolve(fail('VALIDATION', 'Only files chosen or dropped in this window can be uploaded.'));
      blobs.push(file);
    }
    const announcement: UploadAnnouncement = { folderId, files: files.map((f) => ({ name: f.name, size: f.size })) };
    const announced = this.announcing.then(() => postJson<AnnouncedUploads>(PREVIEW_ROUTES.uploads, announcement));
    this.announcing = announced;
    return announced.then((result) => {
      if (!result.ok) return result;
      result.value.refs.forEach((ref, index) => this.queue.push({ ref, file: blobs[index]! }));
      this.pump();
      return ok(result.value.batch);
    });
  }

  private pump(): void {
    while (this.active < PARALLEL_BODIES && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.active++;
      void this.sendBody(next).finally(() => {
        this.active--;
        this.pump();
      });
    }
  }

  private async sendBody({ ref, file }: QueuedBody): Promise<void> {
    try {
      await fetch(`${PREVIEW_ROUTES.uploads}/${encodeURIComponent(ref)}`, {
        method: 'PUT',
        body: file,
        headers: { 'Content-Type': 'application/octet-stream' },
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      // The item's outcome reaches the window as an upload event; the server cancels a body that stops arriving.
    }
  }
}
