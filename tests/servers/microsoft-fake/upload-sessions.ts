import { randomBytes } from 'node:crypto';
import { open, truncate, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { readJsonObject, sendEmpty } from '../shared/http-io';
import { driveItemResource } from './drive-item-resource';
import { invalidNameReason, parseConflictBehavior, type ConflictBehavior, type DriveStore } from './drive-store';
import { graphErrors, sendGraphError, sendJson } from './http-io';
import { ReferenceQuickXor } from './reference-quick-xor';
import { commitUpload, discardTemp, type CommitControls } from './upload-commit';

/** Every fragment but the last is a multiple of this. */
export const FRAGMENT_QUANTUM = 320 * 1024;
/** Fragments must stay under 60 MiB. */
export const MAX_FRAGMENT_BYTES = 60 * 1024 * 1024;
const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;

interface UploadSession {
  readonly id: string;
  readonly parentId: string;
  readonly name: string;
  readonly behavior: ConflictBehavior;
  readonly description: string | null;
  readonly tempPath: string;
  /** From `item.fileSize`, else from the first fragment's Content-Range. */
  total: number | null;
  /** Bytes kept so far, from offset 0. */
  received: number;
  /** Hash of the kept bytes, while they arrived in order; null once a cut made it stale (then it is computed from the file). */
  hash: ReferenceQuickXor | null;
  readonly expiresAt: number;
  /** Requests on one session run one after another. */
  queue: Promise<void>;
}

/** A fragment's misbehaviour (see FakeFault). */
export type FragmentFault =
  | { readonly kind: 'drop-response' }
  | { readonly kind: 'already-received' }
  | { readonly kind: 'cut-after'; readonly afterBytes: number };

/**
 * Graph's upload sessions: `createUploadSession` answers an `uploadUrl` that is
 * its own credential (a request to it that carries `Authorization` is refused
 * with 401, as the service may do); fragments are PUT in order with
 * `Content-Range`, each but the last a multiple of 320 KiB and under 60 MiB;
 * 202 with `nextExpectedRanges` until the last byte, then 201/200 with the
 * driveItem (or 409 when the name was taken meanwhile under `fail`, 507 when
 * the drive is full). A fragment that starts anywhere but the next expected
 * byte gets 416. GET on the URL tells the status; DELETE cancels. Bytes go to
 * a temporary file, so memory stays small whatever the size.
 */
export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();

  constructor(
    private readonly store: DriveStore,
    private readonly controls: CommitControls,
  ) {}

  get openSessions(): number {
    return this.sessions.size;
  }

  /** Control: every session is forgotten (as after expiry); their URLs answer 404. */
  async expireAll(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    for (const session of sessions) await discardTemp(session.tempPath);
  }

  /** POST …/items/{parent-id}:/{name}:/createUploadSession; the upload URL is made on `base` (the fake, or a proxy in front of it). */
  async create(req: IncomingMessage, res: ServerResponse, parentId: string, name: string, base: string): Promise<void> {
    const body = await readJsonObject(req);
    if (!body) return graphErrors.invalid(res, 'Invalid JSON body.');
    const item = (typeof body.item === 'object' && body.item !== null ? body.item : {}) as Record<string, unknown>;
    const behavior = parseConflictBehavior(item['@microsoft.graph.conflictBehavior'], 'replace');
    if (!behavior) return graphErrors.invalid(res, 'Invalid conflict behavior.');
    const parent = this.store.get(parentId);
    if (!parent?.isFolder) return graphErrors.notFound(res);
    const problem = invalidNameReason(name);
    if (problem) return graphErrors.invalid(res, problem);
    if (body.deferCommit === true) return graphErrors.invalid(res, 'deferCommit is only available on OneDrive for Business (not in this fake).');
    const fileSize = item.fileSize;
    if (fileSize !== undefined && !(typeof fileSize === 'number' && Number.isSafeInteger(fileSize) && fileSize >= 0)) {
      return graphErrors.invalid(res, 'Invalid fileSize.');
    }
    if (typeof fileSize === 'number' && this.store.wouldExceedQuota(fileSize)) return graphErrors.quotaLimitReached(res);
    if (behavior === 'fail' && this.store.place(parent.id, name, 'fail').kind === 'conflict') return graphErrors.nameAlreadyExists(res);
    const id = randomBytes(24).toString('base64url');
    const tempPath = join(this.store.directory, `session-${id}.part`);
    await writeFile(tempPath, '');
    const expiresAt = Date.now() + SESSION_LIFETIME_MS;
    this.sessions.set(id, {
      id,
      parentId: parent.id,
      name,
      behavior,
      description: typeof item.description === 'string' ? item.description : null,
      tempPath,
      total: typeof fileSize === 'number' ? fileSize : null,
      received: 0,
      hash: new ReferenceQuickXor(),
      expiresAt,
      queue: Promise.resolve(),
    });
    sendJson(res, 200, {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.uploadSession',
      uploadUrl: `${base}/up/${id}`,
      expirationDateTime: new Date(expiresAt).toISOString(),
      nextExpectedRanges: ['0-'],
    });
  }

  /** PUT, GET or DELETE on an upload URL. */
  handle(req: IncomingMessage, res: ServerResponse, sessionId: string, fault: FragmentFault | null): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session || session.expiresAt <= Date.now()) {
      req.resume();
      sendGraphError(res, 404, 'itemNotFound', 'The upload session was not found.');
      return Promise.resolve();
    }
    // The URL is the credential; a bearer token sent along is refused (and never looked at).
    if (req.headers.authorization !== undefined) {
      req.resume();
      sendGraphError(res, 401, 'unauthenticated', 'Do not send an Authorization header to an upload URL: it is pre-authenticated.');
      return Promise.resolve();
    }
    const run = session.queue.then(() => {
      if (req.method === 'GET') return this.sendStatus(res, session);
      if (req.method === 'DELETE') return this.cancel(req, res, session);
      if (req.method === 'PUT') return this.fragment(req, res, session, fault);
      req.resume();
      return sendGraphError(res, 405, 'invalidRequest', 'Method not allowed on an upload URL.');
    });
    session.queue = run.catch(() => undefined);
    return run;
  }

  private sendStatus(res: ServerResponse, session: UploadSession): void {
    sendJson(res, 200, {
      expirationDateTime: new Date(session.expiresAt).toISOString(),
      nextExpectedRanges: session.total !== null && session.received >= session.total ? [] : [`${session.received}-`],
    });
  }

  private async cancel(req: IncomingMessage, res: ServerResponse, session: UploadSession): Promise<void> {
    req.resume();
    this.sessions.delete(session.id);
    await discardTemp(session.tempPath);
    sendEmpty(res, 204);
  }

  private async fragment(req: IncomingMessage, res: ServerResponse, session: UploadSession, fault: FragmentFault | null): Promise<void> {
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range']?.trim() ?? '');
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    const refuse = (status: number, code: string, message: string) => {
      req.resume();
      sendGraphError(res, status, code, message);
    };
    if (!range) return refuse(400, 'invalidRequest', 'A fragment needs Content-Range: bytes <first>-<last>/<total>.');
    const first = Number(range[1]);
    const last = Number(range[2]);
    const total = Number(range[3]);
    const length = last - first + 1;
    if (last < first || last >= total) return refuse(400, 'invalidRequest', 'The Content-Range is not valid.');
    if (declared !== length) return refuse(400, 'invalidRequest', 'Content-Length does not match the Content-Range.');
    if (session.total !== null && total !== session.total) return refuse(400, 'invalidRequest', `The total ${total} differs from the session's ${session.total}.`);
    if (length >= MAX_FRAGMENT_BYTES) return refuse(413, 'invalidRequest', 'Fragments must be smaller than 60 MiB.');
    const isLast = last === total - 1;
    if (!isLast && length % FRAGMENT_QUANTUM !== 0) {
      return refuse(400, 'invalidRequest', 'Fragments other than the last must be a multiple of 320 KiB (327,680 bytes).');
    }
    if (first !== session.received) {
      return refuse(
        416,
        'invalidRange',
        first < session.received
          ? 'The uploaded fragment overlaps with data that has already been received.'
          : `The fragment starts at ${first}, but the next expected byte is ${session.received}.`,
      );
    }
    session.total = total;
    const cutAt = fault?.kind === 'cut-after' ? fault.afterBytes : null;
    const socket = req.socket;
    const arrived = await this.receive(session, req, first, length, cutAt);
    if (arrived < length) {
      // What arrived of a broken fragment is kept in whole 320 KiB units, so the resend stays a legal fragment.
      session.received = first + Math.floor(arrived / FRAGMENT_QUANTUM) * FRAGMENT_QUANTUM;
      session.hash = null;
      await truncate(session.tempPath, session.received);
      if (cutAt !== null) socket.destroy();
      return;
    }
    session.received = last + 1;
    if (fault?.kind === 'already-received' && !isLast) {
      return sendGraphError(res, 416, 'invalidRange', 'The uploaded fragment overlaps with data that has already been received.');
    }
    if (fault?.kind === 'drop-response') {
      // Kept, but the answer is lost: the client's resend meets 416 and must ask what arrived.
      if (isLast) await this.commit(res, session, { answer: false });
      socket.destroy();
      return;
    }
    if (!isLast) {
      sendJson(res, 202, { expirationDateTime: new Date(session.expiresAt).toISOString(), nextExpectedRanges: [`${session.received}-`] });
      return;
    }
    await this.commit(res, session, { answer: true });
  }

  /** Writes the fragment at `offset`; returns how many bytes arrived before the end or the cut. */
  private async receive(session: UploadSession, req: IncomingMessage, offset: number, length: number, cutAt: number | null): Promise<number> {
    const handle = await open(session.tempPath, 'r+');
    let arrived = 0;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        const limit = cutAt !== null ? Math.min(length, cutAt) : length;
        const piece = chunk.subarray(0, Math.max(0, limit - arrived));
        if (piece.length > 0) {
          await handle.write(piece, 0, piece.length, offset + arrived);
          session.hash?.update(piece);
        }
        arrived += piece.length;
        if (cutAt !== null && arrived >= cutAt) return arrived;
      }
    } catch {
      // The client went away mid-fragment: keep what arrived.
      session.hash = null;
    } finally {
      await handle.close();
    }
    if (arrived < length) session.hash = null;
    return arrived;
  }

  private async commit(res: ServerResponse, session: UploadSession, options: { answer: boolean }): Promise<void> {
    const outcome = await commitUpload(
      this.store,
      {
        parentId: session.parentId,
        name: session.name,
        behavior: session.behavior,
        description: session.description,
        tempPath: session.tempPath,
        size: session.received,
        quickXorHash: session.hash?.digestBase64() ?? null,
      },
      this.controls,
    );
    // A finished upload's URL is gone; a refused commit leaves the session (its bytes) until it expires or is cancelled.
    if (outcome.kind === 'created' || outcome.kind === 'replaced') this.sessions.delete(session.id);
    else session.hash = null;
    if (!options.answer) return;
    switch (outcome.kind) {
      case 'created':
        return sendJson(res, 201, driveItemResource(this.store, outcome.item));
      case 'replaced':
        return sendJson(res, 200, driveItemResource(this.store, outcome.item));
      case 'conflict':
        return graphErrors.nameAlreadyExists(res);
      case 'quota':
        return graphErrors.quotaLimitReached(res);
      case 'parent-gone':
        return graphErrors.notFound(res);
    }
  }
}
