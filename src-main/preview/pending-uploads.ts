import { randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { UploadItemDto, UploadProgressEvent, UploadState } from '../../src-shared/domain';
import { isErrorCode } from '../../src-shared/errors';
import { fail, ok, type Result } from '../../src-shared/result';

/**
 * The browser streams each upload in two steps: it announces the files (the
 * core starts a batch whose sources are streams registered here), then PUTs
 * each file's body, which is piped into its stream. This registry holds those
 * streams between the two steps and tells each PUT how its item ended.
 */

/** waiting → receiving (a PUT feeds it) → released (the PUT ended, or it was given up) → settled (the core finished it). */
type Phase = 'waiting' | 'receiving' | 'released' | 'settled';

export interface PendingUpload {
  readonly ref: string;
  readonly size: number;
  readonly stream: PassThrough;
  /** How the core finished this item: ok when stored, the item's error otherwise. */
  readonly settled: Promise<Result<UploadItemDto>>;
}

interface Entry extends PendingUpload {
  readonly group: Group;
  uploadId: string | null;
  phase: Phase;
  resolve(result: Result<UploadItemDto>): void;
}

/** The files of one announcement; they expire together when the browser stops sending. */
interface Group {
  readonly members: Set<Entry>;
  receiving: number;
  lastActivity: number;
}

export interface PendingUploadsOptions {
  /**
   * How long announced files may wait for their bytes while nothing of their batch
   * is being received (a closed tab never sends them). Measured from the batch's
   * last activity, so a long batch sent one file after another does not expire.
   */
  readonly claimTimeoutMs: number;
  /** Asks the core to cancel an item (it removes whatever was stored). */
  readonly cancel: (uploadId: string) => void;
  readonly now?: () => number;
}

const TERMINAL: ReadonlySet<UploadState> = new Set(['done', 'failed', 'cancelled']);
/** Terminal items seen before their batch was bound; a handful is plenty, the race is microseconds wide. */
const EARLY_SETTLED_LIMIT = 256;

export type ClaimOutcome = { readonly kind: 'claimed'; readonly upload: PendingUpload } | { readonly kind: 'unknown' } | { readonly kind: 'taken' };

export class PendingUploads {
  private readonly byRef = new Map<string, Entry>();
  private readonly byUploadId = new Map<string, Entry>();
  private readonly groups = new Set<Group>();
  private readonly earlySettled = new Map<string, UploadItemDto>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly options: PendingUploadsOptions) {
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => this.expireIdle(), Math.max(10, Math.min(options.claimTimeoutMs / 4, 5_000)));
    this.sweeper.unref();
  }

  get size(): number {
    return this.byRef.size;
  }

  /** Registers one stream per announced file; `streams` is what the router hands the core. */
  open(sizes: readonly number[]): { refs: string[]; streams: Map<string, Readable> } {
    const group: Group = { members: new Set(), receiving: 0, lastActivity: this.now() };
    const refs: string[] = [];
    const streams = new Map<string, Readable>();
    for (const size of sizes) {
      let resolve!: (result: Result<UploadItemDto>) => void;
      const settled = new Promise<Result<UploadItemDto>>((r) => (resolve = r));
      const stream = new PassThrough();
      // A stream's failure reaches the window as its item's outcome; an unheard 'error' must not crash the server.
      stream.on('error', () => undefined);
      const entry: Entry = { ref: randomUUID(), size, stream, settled, group, uploadId: null, phase: 'waiting', resolve };
      group.members.add(entry);
      this.byRef.set(entry.ref, entry);
      refs.push(entry.ref);
      streams.set(entry.ref, entry.stream);
    }
    this.groups.add(group);
    return { refs, streams };
  }

  /** Links each ref to the item the core created for it (same order as the sources). */
  bind(refs: readonly string[], items: readonly UploadItemDto[]): void {
    refs.forEach((ref, index) => {
      const entry = this.byRef.get(ref);
      const item = items[index];
      if (!entry || !item) return;
      entry.uploadId = item.uploadId;
      this.byUploadId.set(item.uploadId, entry);
      const early = this.earlySettled.get(item.uploadId);
      if (early) {
        this.earlySettled.delete(item.uploadId);
        this.settle(entry, early);
      } else if (TERMINAL.has(item.state)) {
        this.settle(entry, item);
      }
    });
  }

  /** The core refused the whole batch: nothing will ever read these streams. */
  discard(refs: readonly string[]): void {
    for (const ref of refs) {
      const entry = this.byRef.get(ref);
      if (entry) this.settle(entry, null);
    }
  }

  /** A PUT arrived for `ref`: it may feed the stream once. */
  claim(ref: string): ClaimOutcome {
    const entry = this.byRef.get(ref);
    if (!entry) return { kind: 'unknown' };
    if (entry.phase !== 'waiting') return { kind: 'taken' };
    entry.phase = 'receiving';
    entry.group.receiving++;
    entry.group.lastActivity = this.now();
    return { kind: 'claimed', upload: entry };
  }

  /** The PUT that fed `ref` ended; `complete` is false when the browser went away mid-body. */
  release(ref: string, complete: boolean): void {
    const entry = this.byRef.get(ref);
    if (!entry || entry.phase !== 'receiving') return;
    entry.phase = 'released';
    entry.group.receiving--;
    entry.group.lastActivity = this.now();
    if (!complete) this.abandon(entry);
  }

  /** Follows the core's progress events to learn when each item ends. */
  onProgress(event: UploadProgressEvent): void {
    for (const item of event.items) {
      if (!TERMINAL.has(item.state)) continue;
      const entry = this.byUploadId.get(item.uploadId);
      if (entry) {
        this.settle(entry, item);
      } else {
        this.earlySettled.set(item.uploadId, item);
        if (this.earlySettled.size > EARLY_SETTLED_LIMIT) this.earlySettled.delete(this.earlySettled.keys().next().value!);
      }
    }
  }

  /**
   * The person cancelled an item. If its bytes have not started to arrive, the core
   * may be waiting for them before it looks at the cancel signal: end the stream.
   */
  noteCancelled(uploadId: string): void {
    const entry = this.byUploadId.get(uploadId);
    if (entry?.phase !== 'waiting') return;
    entry.phase = 'released';
    entry.stream.end();
  }

  /** Shutdown: every waiting PUT is answered and every stream released. */
  close(): void {
    clearInterval(this.sweeper);
    for (const entry of [...this.byRef.values()]) {
      // An error, not a plain end: the core may be waiting for the first bytes and must stop now.
      entry.stream.destroy(Object.assign(new Error('The preview server is shutting down.'), { name: 'AbortError' }));
      this.settle(entry, null);
    }
  }

  private expireIdle(): void {
    const now = this.now();
    for (const group of this.groups) {
      if (group.receiving > 0 || now - group.lastActivity < this.options.claimTimeoutMs) continue;
      for (const entry of group.members) if (entry.phase === 'waiting') this.abandon(entry);
    }
  }

  /**
   * Cancels the item in the core and ends its stream: the core may be waiting for
   * the first bytes (to sniff the type) before it looks at the cancel signal.
   */
  private abandon(entry: Entry): void {
    entry.phase = 'released';
    if (entry.uploadId === null) {
      this.settle(entry, null);
      return;
    }
    this.options.cancel(entry.uploadId);
    if (!entry.stream.writableEnded) entry.stream.end();
  }

  private settle(entry: Entry, item: UploadItemDto | null): void {
    if (entry.phase === 'settled') return;
    if (entry.phase === 'receiving') entry.group.receiving--;
    entry.phase = 'settled';
    this.byRef.delete(entry.ref);
    if (entry.uploadId) this.byUploadId.delete(entry.uploadId);
    entry.group.members.delete(entry);
    entry.group.lastActivity = this.now();
    if (entry.group.members.size === 0) this.groups.delete(entry.group);
    if (!entry.stream.destroyed) entry.stream.destroy();
    entry.resolve(outcome(item));
  }
}

function outcome(item: UploadItemDto | null): Result<UploadItemDto> {
  if (!item) return fail('CANCELLED', 'The upload was stopped before its bytes arrived.');
  if (item.state === 'done') return ok(item);
  const code = item.error && isErrorCode(item.error.code) ? item.error.code : item.state === 'cancelled' ? 'CANCELLED' : 'INTERNAL';
  return fail(code, item.error?.message ?? 'The upload did not complete.');
}
