import type { ClientRequest } from 'node:http';

/**
 * A request body the caller writes itself, piece by piece, typically from
 * buffers it reuses (it must come with its Content-Length header). `write`
 * resolves once the piece has been flushed to the socket: until then the
 * request still refers to the caller's buffer, and refilling it would change
 * bytes that are still on their way out. A writer cannot be replayed, so such
 * a request is sent once.
 */
export type BodyWriter = (write: (piece: Buffer) => Promise<void>) => Promise<void>;

/** The server answered while the body was still being written; nothing more is sent. */
class AnsweredEarly extends Error {
  constructor() {
    super('The server answered before the upload was complete.');
    this.name = 'AnsweredEarly';
  }
}

/**
 * Runs `writer` into `req` and ends the request once the writer is done.
 * A write still waiting for its flush fails as soon as the request fails,
 * closes or is answered, so a writer never waits on a request that is over
 * (a server that answers early may stop reading, and the flush would never
 * come). Rejects with the writer's own failure; the caller destroys `req`.
 */
export async function writeBody(req: ClientRequest, writer: BodyWriter): Promise<void> {
  let over: Error | null = null;
  const waiting = new Set<(error: Error) => void>();
  const stop = (error: Error) => {
    over ??= error;
    for (const fail of waiting) fail(over);
    waiting.clear();
  };
  req.once('response', () => stop(new AnsweredEarly()));
  req.once('error', stop);
  req.once('close', () => stop(new Error('The request was closed before its body was sent.')));

  const write = (piece: Buffer) =>
    new Promise<void>((resolve, reject) => {
      if (over) return reject(over);
      waiting.add(reject);
      req.write(piece, (error) => {
        waiting.delete(reject);
        if (error) reject(error);
        else resolve();
      });
    });
  await writer(write);
  if (over) throw over;
  req.end();
}
