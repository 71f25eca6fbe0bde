import { Worker } from 'node:worker_threads';

/**
 * Runs in the worker: one SHA-256 state per upload, fed views of shared
 * memory (no copies), answering each message in order.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const states = new Map();
parentPort.on('message', ({ op, id, seq, memory, offset, length }) => {
  try {
    if (op === 'update') {
      let state = states.get(id);
      if (!state) states.set(id, (state = createHash('sha256')));
      state.update(new Uint8Array(memory, offset, length));
      parentPort.postMessage({ seq });
    } else if (op === 'digest') {
      const state = states.get(id) || createHash('sha256');
      states.delete(id);
      parentPort.postMessage({ seq, hex: state.digest('hex') });
    } else {
      states.delete(id);
    }
  } catch (error) {
    parentPort.postMessage({ seq, error: String(error && error.message || error) });
  }
});
`;

interface Answer {
  readonly seq: number;
  readonly hex?: string;
  readonly error?: string;
}

/** One SHA-256 computed on the worker. Feed it in order; each update resolves once those bytes are hashed. */
export interface BackgroundHash {
  /** `buffer` must live in a SharedArrayBuffer (see sharedBuffer) and stay unchanged until this resolves. */
  update(buffer: Buffer, length: number): Promise<void>;
  digest(): Promise<string>;
  /** Forgets the state (the upload failed). */
  abandon(): void;
}

/** A buffer the hashing worker can read without a copy. */
export function sharedBuffer(bytes: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(bytes));
}

/**
 * SHA-256 on a worker thread, so the main thread stays free while a large
 * file is copied into the vault: it only schedules reads and writes. On two
 * cores the hash (the slowest stage, ~0.6 s per GiB) then overlaps everything
 * else the main process does instead of adding to it. One worker serves every
 * upload; it keeps the process alive only while it has work.
 */
export class BackgroundSha256 {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();
  private nextSeq = 0;
  private nextId = 0;

  begin(): BackgroundHash {
    const id = this.nextId++;
    return {
      update: async (buffer, length) => {
        if (!(buffer.buffer instanceof SharedArrayBuffer)) throw new TypeError('background hashing needs a shared buffer');
        await this.ask({ op: 'update', id, memory: buffer.buffer, offset: buffer.byteOffset, length });
      },
      digest: async () => {
        const { hex } = await this.ask({ op: 'digest', id });
        return hex!;
      },
      abandon: () => this.worker?.postMessage({ op: 'drop', id }),
    };
  }

  /** Stops the worker (shutdown, tests); a later upload starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failWaiting(new Error('the hashing worker was stopped'));
    await worker?.terminate();
  }

  private ask(message: Record<string, unknown>): Promise<Answer> {
    const worker = this.started();
    const seq = this.nextSeq++;
    return new Promise<Answer>((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...message, seq });
    }).then((answer) => {
      if (answer.error !== undefined) throw new Error(`hashing failed: ${answer.error}`);
      return answer;
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'docuvault-sha256' });
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const waiter = this.waiting.get(answer.seq);
      this.waiting.delete(answer.seq);
      if (this.waiting.size === 0) worker.unref();
      waiter?.resolve(answer);
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failWaiting(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the hashing worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private failWaiting(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
