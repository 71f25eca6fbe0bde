import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { UploadBatchDto } from '../../src-shared/domain';
import type { Router } from '../ipc/router';
import { BodyTooLargeError, isJsonRequest, readJsonBody, sendFailure, sendResult } from './http-responses';
import type { PendingUploads } from './pending-uploads';
import type { AnnouncedUploads } from './protocol';

const MAX_ANNOUNCEMENT_BODY = 4 * 1024 * 1024;

/** Shape only; the router validates names, ids and limits with the contract. */
const AnnouncementSchema = z.object({
  folderId: z.string(),
  files: z
    .array(z.object({ name: z.string(), size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) }))
    .min(1)
    .max(10_000),
});

/**
 * POST /api/uploads: registers one stream per announced file and starts the
 * batch in the core right away, so the window can show every file's progress
 * while the bytes are still on their way.
 */
export async function handleAnnounceUploads(req: IncomingMessage, res: ServerResponse, router: Router, pending: PendingUploads): Promise<void> {
  if (req.method !== 'POST') {
    sendFailure(res, 405, 'VALIDATION', 'Use POST.');
    return;
  }
  if (!isJsonRequest(req)) {
    sendFailure(res, 415, 'VALIDATION', 'The request must be JSON.');
    return;
  }
  let body: unknown;
  try {
    body = await readJsonBody(req, MAX_ANNOUNCEMENT_BODY);
  } catch (error) {
    if (error instanceof BodyTooLargeError) res.setHeader('Connection', 'close');
    sendFailure(res, error instanceof BodyTooLargeError ? 413 : 400, 'VALIDATION', 'The upload request was not valid.');
    return;
  }
  const parsed = AnnouncementSchema.safeParse(body);
  if (!parsed.success) {
    sendFailure(res, 400, 'VALIDATION', 'The upload request was not valid.');
    return;
  }
  const { folderId, files } = parsed.data;
  const { refs, streams } = pending.open(files.map((f) => f.size));
  const sources = files.map((file, index) => ({ kind: 'stream' as const, ref: refs[index]!, name: file.name, size: file.size }));
  const result = await router.invoke('documents:upload', { folderId, sources }, { streams });
  if (!result.ok) {
    pending.discard(refs);
    sendResult(res, 200, result);
    return;
  }
  const batch = result.value as UploadBatchDto;
  pending.bind(refs, batch.items);
  const announced: AnnouncedUploads = { batch, refs };
  sendResult(res, 200, { ok: true, value: announced });
}

/**
 * PUT /api/uploads/<ref>: pipes the request body into the stream the core reads,
 * so backpressure runs from the disk back to the browser. Answers once the core
 * has finished that file, with its outcome.
 */
export async function handleUploadBody(req: IncomingMessage, res: ServerResponse, pending: PendingUploads, ref: string): Promise<void> {
  if (req.method !== 'PUT') {
    sendFailure(res, 405, 'VALIDATION', 'Use PUT.');
    return;
  }
  const claim = pending.claim(ref);
  if (claim.kind === 'unknown') {
    sendFailure(res, 404, 'NOT_FOUND', 'This upload is unknown or has expired. Try again.');
    return;
  }
  if (claim.kind === 'taken') {
    sendFailure(res, 409, 'CONFLICT', 'This file is already being uploaded.');
    return;
  }
  const { upload } = claim;
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) !== upload.size) {
    pending.release(ref, false);
    sendFailure(res, 400, 'VALIDATION', 'The file is not the size that was announced.');
    return;
  }
  // `complete` is false when the browser went away mid-body: the core then cancels the item and removes the partial.
  req.once('close', () => pending.release(ref, req.complete));
  req.pipe(upload.stream);
  const outcome = await upload.settled;
  if (!req.complete) {
    // The item ended before its body did (refused over quota, cancelled). A paused,
    // half-read request would wedge the keep-alive connection the browser reuses next,
    // so the rest is read and dropped; the bridge aborts its own request on such an end.
    req.unpipe(upload.stream);
    req.resume();
  }
  sendResult(res, 200, outcome);
}
