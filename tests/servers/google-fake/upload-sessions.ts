import { randomBytes } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { readJsonObject } from '../shared/http-io';
import { corruptOneByte, digestFile } from './content-digests';
import { parseUploadContentRange } from './content-range';
import type { DriveEndpoints } from './drive-endpoints';
import { InvalidPropertyError, mergeAppProperties, newDriveId, type DriveStore } from './drive-store';
import { applyFieldMask, InvalidFieldMaskError, maskFor } from './field-mask';
import { DEFAULT_FILE_FIELDS, fileResource } from './file-resource';
import { driveErrors, sendGoogleError, sendJson } from './http-io';
import type { LoggedRequest } from './request-log';

/** Google's upload granularity: every chunk but the last is a multiple of this. */
export const UPLOAD_QUANTUM = 256 * 1024;

interface UploadSession {
  readonly id: string;
  readonly name: string;
  readonly parent: string;
  readonly mimeType: string;
  readonly appProperties: Record<string, string>;
  readonly fields: string | null;
  readonly tempPath: string;
  total: number | null;
  /** Bytes persisted so far: the `Range` the fake reports. */
  committed: number;
  finishedFileId: string | null;
  /** Requests on one session run one after another (a cut chunk is settled before the next request looks). */
  queue: Promise<void>;
}

/** Misbehaviour for one chunk (see FakeFault). */
export type ChunkFault = { readonly kind: 'cut'; readonly afterBytes: number } | { readonly kind: 'partial-ack'; readonly keepBytes: number };

/**
 * Drive's resumable upload protocol (`/upload/drive/v3/files?uploadType=resumable`):
 * POST metadata → 200 with the session URI in `Location`; PUT chunks with
 * `Content-Range` → 308 with `Range: bytes=0-<last>` until the last one → 200
 * with the file resource; `bytes *\/<total>` asks for the status. Chunks must be
 * contiguous and (but the last) multiples of 256 KiB. A chunk whose connection
 * breaks keeps what arrived, rounded down to 256 KiB, as Google's servers do.
 * Bytes go to a temporary file: memory stays small whatever the upload size.
 * The session URI alone authorises its PUTs (no Authorization header needed).
 */
export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();
  /** Control: the next finished upload has one byte flipped before it is stored. */
  corruptNextUpload = false;

  constructor(
    private readonly store: DriveStore,
    private readonly endpoints: DriveEndpoints,
    private readonly advertisedBaseUrl: () => string,
  ) {}

  get openSessions(): number {
    return [...this.sessions.values()].filter((session) => session.finishedFileId === null).length;
  }

  /** Control: every session is forgotten (as after Google's one-week expiry); their PUTs get 404. */
  async expireAll(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    for (const session of sessions) await rm(session.tempPath, { force: true });
  }

  /** POST /upload/drive/v3/files?uploadType=resumable */
  async initiate(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.searchParams.get('uploadType') !== 'resumable') {
      req.resume();
      return driveErrors.invalid(res, 'This fake supports uploadType=resumable only.', 'uploadType');
    }
    const metadata = await readJsonObject(req);
    if (!metadata) return driveErrors.invalid(res, 'Invalid JSON payload received.');
    const lengthHeader = req.headers['x-upload-content-length'];
    const total = typeof lengthHeader === 'string' ? Number(lengthHeader) : null;
    if (total !== null && !(Number.isSafeInteger(total) && total >= 0)) {
      return driveErrors.invalid(res, 'Invalid X-Upload-Content-Length.', 'X-Upload-Content-Length');
    }
    const fields = url.searchParams.get('fields');
    let appProperties: Record<string, string>;
    try {
      maskFor(fields, DEFAULT_FILE_FIELDS);
      appProperties = mergeAppProperties({}, metadata.appProperties);
    } catch (error) {
      if (error instanceof InvalidPropertyError || error instanceof InvalidFieldMaskError) return driveErrors.invalid(res, error.message);
      throw error;
    }
    const placed = this.endpoints.placement(res, metadata);
    if (!placed) return;
    if (total !== null && this.store.wouldExceedQuota(total)) return driveErrors.storageQuotaExceeded(res);
    const id = randomBytes(36).toString('base64url');
    const tempPath = join(this.store.directory, `upload-${id}.part`);
    await writeFile(tempPath, '');
    const uploadType = req.headers['x-upload-content-type'];
    const mimeType =
      typeof metadata.mimeType === 'string' ? metadata.mimeType : typeof uploadType === 'string' ? uploadType : 'application/octet-stream';
    this.sessions.set(id, {
      id,
      name: placed.name,
      parent: placed.parent,
      mimeType,
      appProperties,
      fields,
      tempPath,
      total,
      committed: 0,
      finishedFileId: null,
      queue: Promise.resolve(),
    });
    const location = `${this.advertisedBaseUrl()}/upload/drive/v3/files?uploadType=resumable&upload_id=${id}`;
    res.writeHead(200, { Location: location, 'X-GUploader-UploadID': id, 'Content-Length': '0' });
    res.end();
  }

  /** PUT on a session URI: a chunk, or a status query. */
  put(req: IncomingMessage, res: ServerResponse, url: URL, entry: LoggedRequest, fault: ChunkFault | null): Promise<void> {
    const session = this.sessions.get(url.searchParams.get('upload_id') ?? '');
    if (!session) {
      req.resume();
      sendGoogleError(res, 404, { reason: 'notFound', message: 'Upload session not found or expired.' });
      return Promise.resolve();
    }
    const run = session.queue.then(() => this.handlePut(session, req, res, entry, fault));
    session.queue = run.catch(() => undefined);
    return run;
  }

  /** DELETE on a session URI: the client gives up; Google answers 499. */
  async cancel(res: ServerResponse, url: URL): Promise<void> {
    const session = this.sessions.get(url.searchParams.get('upload_id') ?? '');
    if (!session) return sendGoogleError(res, 404, { reason: 'notFound', message: 'Upload session not found or expired.' });
    this.sessions.delete(session.id);
    await session.queue;
    await rm(session.tempPath, { force: true });
    res.writeHead(499, { 'Content-Length': '0' });
    res.end();
  }

  private async handlePut(session: UploadSession, req: IncomingMessage, res: ServerResponse, entry: LoggedRequest, fault: ChunkFault | null) {
    if (session.finishedFileId !== null) {
      req.resume();
      return this.sendFinished(res, session);
    }
    const range = parseUploadContentRange(req.headers['content-range']);
    const declaredLength = Number(req.headers['content-length'] ?? '0');
    if (!range) {
      req.resume();
      return driveErrors.invalid(res, 'Invalid or missing Content-Range header.', 'Content-Range');
    }
    const total = range.kind === 'query' ? range.total : range.total;
    if (total !== null && session.total !== null && total !== session.total) {
      req.resume();
      return driveErrors.invalid(res, `The total size ${total} differs from the declared ${session.total}.`, 'Content-Range');
    }
    if (total !== null) session.total = total;
    if (range.kind === 'query') {
      req.resume();
      if (declaredLength !== 0) return driveErrors.invalid(res, 'A status query has no body.', 'Content-Range');
      if (session.committed === session.total) return this.finish(res, session);
      return this.sendIncomplete(res, session);
    }
    const length = range.last - range.first + 1;
    const problem =
      range.first !== session.committed
        ? `Invalid request. The upload offset is ${range.first} byte(s) but ${session.committed} byte(s) were received.`
        : length !== declaredLength
          ? 'Content-Range does not match Content-Length.'
          : session.total !== null && range.last >= session.total
            ? 'Content-Range goes past the declared total.'
            : (session.total === null || range.last + 1 < session.total) && length % UPLOAD_QUANTUM !== 0
              ? 'Invalid request. Chunks other than the last must be a multiple of 256 KiB (262144 bytes).'
              : null;
    if (problem) {
      req.resume();
      return driveErrors.invalid(res, problem, 'Content-Range');
    }
    if (this.store.wouldExceedQuota(range.last + 1)) {
      req.resume();
      return driveErrors.storageQuotaExceeded(res);
    }
    const cutAt = fault?.kind === 'cut' ? fault.afterBytes : null;
    // Held now: once the body is abandoned the request lets go of its socket.
    const socket = req.socket;
    const received = await this.receive(session, req, range.first, length, entry, cutAt);
    if (received < length) {
      // Whatever arrived of a broken chunk is kept in whole 256 KiB units, as Google's servers do.
      session.committed = range.first + Math.floor(received / UPLOAD_QUANTUM) * UPLOAD_QUANTUM;
      await truncateTo(session.tempPath, session.committed);
      if (cutAt !== null) socket.destroy();
      return;
    }
    if (fault?.kind === 'partial-ack' && fault.keepBytes < length) {
      session.committed = range.first + fault.keepBytes;
      await truncateTo(session.tempPath, session.committed);
      return this.sendIncomplete(res, session);
    }
    session.committed = range.last + 1;
    if (session.committed === session.total) return this.finish(res, session);
    return this.sendIncomplete(res, session);
  }

  /** Writes the chunk body at `offset`; returns how many bytes arrived before the end or the cut. */
  private async receive(
    session: UploadSession,
    req: IncomingMessage,
    offset: number,
    length: number,
    entry: LoggedRequest,
    cutAt: number | null,
  ): Promise<number> {
    const handle = await open(session.tempPath, 'r+');
    let received = 0;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        const limit = cutAt !== null ? Math.min(length, cutAt) : length;
        const piece = chunk.subarray(0, Math.max(0, limit - received));
        if (piece.length > 0) await handle.write(piece, 0, piece.length, offset + received);
        received += piece.length;
        entry.bodyBytes = received;
        if (cutAt !== null && received >= cutAt) return received;
      }
    } catch {
      // The client went away mid-chunk: keep what arrived.
    } finally {
      await handle.close();
    }
    return received;
  }

  private async finish(res: ServerResponse, session: UploadSession): Promise<void> {
    if (this.store.wouldExceedQuota(session.committed)) {
      this.sessions.delete(session.id);
      await rm(session.tempPath, { force: true });
      return driveErrors.storageQuotaExceeded(res);
    }
    if (this.corruptNextUpload) {
      this.corruptNextUpload = false;
      await corruptOneByte(session.tempPath, session.committed);
    }
    const digests = await digestFile(session.tempPath);
    const id = newDriveId();
    const path = this.store.contentPathFor(id);
    await rename(session.tempPath, path);
    this.store.add({
      id,
      name: session.name,
      mimeType: session.mimeType,
      parents: [session.parent],
      appProperties: session.appProperties,
      trashed: false,
      content: { path, size: digests.size, md5: digests.md5, sha256: digests.sha256 },
    });
    session.finishedFileId = id;
    this.sendFinished(res, session);
  }

  private sendFinished(res: ServerResponse, session: UploadSession): void {
    const file = this.store.get(session.finishedFileId!);
    if (!file) return sendGoogleError(res, 404, { reason: 'notFound', message: 'The uploaded file was deleted.' });
    sendJson(res, 200, applyFieldMask(fileResource(file), maskFor(session.fields, DEFAULT_FILE_FIELDS)));
  }

  private sendIncomplete(res: ServerResponse, session: UploadSession): void {
    res.writeHead(308, {
      ...(session.committed > 0 ? { Range: `bytes=0-${session.committed - 1}` } : {}),
      'X-GUploader-UploadID': session.id,
      'Content-Length': '0',
    });
    res.end();
  }
}

async function truncateTo(path: string, size: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(size);
  } finally {
    await handle.close();
  }
}
