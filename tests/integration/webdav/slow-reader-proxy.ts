import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SlowReaderProxy {
  /** The target's URL (same path) through the proxy. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a test server that passes the client's bytes on
 * slowly: it pauses after every piece it reads, so the client's socket
 * buffers stay full and each of its writes waits long for its flush — what a
 * slow link or a busy server does. Answers come back at full speed.
 */
export async function startSlowReaderProxy(targetUrl: string, pauseMs = 2): Promise<SlowReaderProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    track(client);
    track(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', cut);
    upstream.on('error', cut);
    client.on('close', cut);
    client.on('data', (piece: Buffer) => {
      client.pause();
      upstream.write(piece, () => setTimeout(() => client.resume(), pauseMs));
    });
    client.on('end', () => upstream.end());
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
