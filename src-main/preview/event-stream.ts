import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventBus } from '../core/util/event-bus';
import { BASE_HEADERS } from './http-responses';

/** Keeps idle connections (and any proxy between) from timing the stream out. */
const HEARTBEAT_MS = 20_000;
/** A window that stops reading must not make the server buffer events without bound. */
const MAX_UNSENT_BYTES = 4 * 1024 * 1024;
/** How soon a browser reconnects after the stream drops. */
const RETRY_MS = 1_000;

/** Forwards every core event to open windows as Server-Sent Events. */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly events: EventBus) {}

  serve(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(`retry: ${RETRY_MS}\n\n`);
    this.open.add(res);
    const off = this.events.onAny((event, payload) => {
      if (res.writableLength > MAX_UNSENT_BYTES) {
        // The window reconnects and reloads what it shows; dropping beats unbounded memory.
        res.destroy();
        return;
      }
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const stop = () => {
      off();
      clearInterval(heartbeat);
      this.open.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
