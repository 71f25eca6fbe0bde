import { request, type ClientRequest } from 'node:http';

export interface ServerSentEvent {
  readonly event: string;
  readonly data: unknown;
}

export interface SseClient {
  readonly events: ServerSentEvent[];
  /** Resolves with the first event (already received or still to come) matching `predicate`. */
  waitFor(predicate: (event: ServerSentEvent) => boolean, timeoutMs?: number): Promise<ServerSentEvent>;
  close(): void;
}

/** Listens to the preview's event stream the way an EventSource would, with a Bearer token. */
export function connectSse(port: number, token: string): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const events: ServerSentEvent[] = [];
    const waiters = new Set<() => void>();
    let req: ClientRequest | null = null;
    req = request(
      { host: '127.0.0.1', port, path: '/api/events', headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, agent: false },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`event stream answered ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (text: string) => {
          buffer += text;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (name && data !== undefined) {
              events.push({ event: name, data: JSON.parse(data) as unknown });
              for (const wake of [...waiters]) wake();
            }
          }
        });
        resolve({
          events,
          waitFor(predicate, timeoutMs = 10_000) {
            return new Promise((found, fail) => {
              const check = () => {
                const match = events.find(predicate);
                if (!match) return false;
                waiters.delete(check);
                clearTimeout(timer);
                found(match);
                return true;
              };
              const timer = setTimeout(() => {
                waiters.delete(check);
                fail(new Error(`no matching event within ${timeoutMs} ms (got ${events.map((e) => e.event).join(', ') || 'none'})`));
              }, timeoutMs);
              if (!check()) waiters.add(check);
            });
          },
          close: () => req?.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
