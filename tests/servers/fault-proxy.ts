import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One injected fault, consumed by the next matching request. */
export type Fault =
  | { kind: 'reset' }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'reset-mid-body'; afterBytes: number };

export interface FaultProxy {
  /** Base URL to give the client instead of the target's. */
  readonly url: string;
  /** Queues faults; each is used once, by the next request whose method (and path prefix) match. */
  inject(fault: Fault, match?: { method?: string; pathIncludes?: string }): void;
  /** Requests seen, in order (method and path), for assertions. */
  readonly seen: Array<{ method: string; path: string }>;
  pendingFaults(): number;
  close(): Promise<void>;
}

/**
 * A transparent HTTP proxy on 127.0.0.1 in front of a local test server that can
 * misbehave on cue: reset the connection, answer 503 or 429 with Retry-After, or
 * cut a response mid-body. It drives the backends' retry tests.
 */
export async function startFaultProxy(targetBaseUrl: string): Promise<FaultProxy> {
  const target = new URL(targetBaseUrl);
  const queue: Array<{ fault: Fault; match: { method?: string; pathIncludes?: string } }> = [];
  const seen: Array<{ method: string; path: string }> = [];
  const sockets = new Set<Socket>();

  const takeFault = (req: IncomingMessage): Fault | null => {
    const index = queue.findIndex(
      ({ match }) =>
        (!match.method || match.method === req.method) && (!match.pathIncludes || (req.url ?? '').includes(match.pathIncludes)),
    );
    if (index < 0) return null;
    return queue.splice(index, 1)[0]!.fault;
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '' });
    const fault = takeFault(req);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      // Drain the body so the client sees the answer, not a broken pipe.
      req.resume();
      req.on('end', () => {
        res.writeHead(fault.status, { 'Content-Type': 'text/plain', ...fault.headers });
        res.end(fault.body ?? '');
      });
      return;
    }
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        if (fault?.kind === 'reset-mid-body') {
          let sent = 0;
          upstreamRes.on('data', (chunk: Buffer) => {
            if (sent + chunk.length >= fault.afterBytes) {
              res.write(chunk.subarray(0, Math.max(0, fault.afterBytes - sent)));
              res.socket?.destroy();
              upstreamRes.destroy();
              return;
            }
            sent += chunk.length;
            res.write(chunk);
          });
          upstreamRes.on('end', () => res.end());
          return;
        }
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    // A client that goes away mid-request takes the upstream request with it, as a real proxy does.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const prefix = target.pathname.replace(/\/$/, '');
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    inject(fault, match = {}) {
      queue.push({ fault, match });
    },
    seen,
    pendingFaults: () => queue.length,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
