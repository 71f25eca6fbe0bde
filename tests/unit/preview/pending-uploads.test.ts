import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UploadItemDto } from '../../../src-shared/domain';
import { PendingUploads } from '../../../src-main/preview/pending-uploads';

function item(uploadId: string, state: UploadItemDto['state'] = 'queued'): UploadItemDto {
  return { uploadId, batchId: 'b', folderId: 'f', name: uploadId, state, bytesDone: 0, bytesTotal: 1, documentId: null, error: null };
}

describe('PendingUploads expiry', () => {
  let cancelled: string[];
  let uploads: PendingUploads;

  beforeEach(() => {
    vi.useFakeTimers();
    cancelled = [];
    uploads = new PendingUploads({ claimTimeoutMs: 1_000, cancel: (id) => cancelled.push(id) });
  });
  afterEach(() => {
    uploads.close();
    vi.useRealTimers();
  });

  it('gives up announced files only once their batch has been idle for the timeout', () => {
    const { refs } = uploads.open([1, 1, 1]);
    uploads.bind(refs, [item('u0'), item('u1'), item('u2')]);

    // The first body arrives slowly for a long time: its batch is active, nothing expires.
    expect(uploads.claim(refs[0]!).kind).toBe('claimed');
    vi.advanceTimersByTime(10_000);
    expect(cancelled).toEqual([]);

    // The next body starts right after; then the browser stops sending anything.
    uploads.release(refs[0]!, true);
    expect(uploads.claim(refs[1]!).kind).toBe('claimed');
    uploads.release(refs[1]!, true);
    vi.advanceTimersByTime(900);
    expect(cancelled).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(cancelled).toEqual(['u2']);
    // Given up: its bytes can no longer be sent.
    expect(uploads.claim(refs[2]!).kind).toBe('taken');
  });

  it('answers the PUT with the item’s outcome once the core reports it', async () => {
    const { refs } = uploads.open([1, 1]);
    uploads.bind(refs, [item('ok'), item('refused')]);
    const first = uploads.claim(refs[0]!);
    const second = uploads.claim(refs[1]!);
    if (first.kind !== 'claimed' || second.kind !== 'claimed') throw new Error('not claimed');
    uploads.onProgress({
      batchId: 'b',
      items: [item('ok', 'done'), { ...item('refused', 'failed'), error: { code: 'QUOTA_EXCEEDED', message: 'Not enough space.' } }],
      overall: { bytesDone: 1, bytesTotal: 2, filesDone: 1, filesFailed: 1, filesTotal: 2 },
    });
    await expect(first.upload.settled).resolves.toMatchObject({ ok: true, value: { uploadId: 'ok', state: 'done' } });
    await expect(second.upload.settled).resolves.toEqual({ ok: false, error: { code: 'QUOTA_EXCEEDED', message: 'Not enough space.' } });
    expect(uploads.size).toBe(0);
  });

  it('settles an item whose end was reported before its batch was bound', async () => {
    const { refs } = uploads.open([1]);
    uploads.onProgress({
      batchId: 'b',
      items: [item('early', 'cancelled')],
      overall: { bytesDone: 0, bytesTotal: 1, filesDone: 0, filesFailed: 1, filesTotal: 1 },
    });
    const claim = uploads.claim(refs[0]!);
    uploads.bind(refs, [item('early')]);
    if (claim.kind !== 'claimed') throw new Error('not claimed');
    await expect(claim.upload.settled).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });
});
