import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SizeMismatchError } from '../../../src-main/core/storage/hashing-counter';
import type { BodyWriter } from '../../../src-main/core/storage/webdav/body-writer';
import { DavTransport } from '../../../src-main/core/storage/webdav/dav-transport';

const MIB = 1024 * 1024;

/** Writes `pieces` pieces of 1 MiB from one buffer, each only after the previous one was flushed; reports how it ended. */
function pieceWriter(pieces: number, failAfter?: number): { writer: BodyWriter; ended: Promise<'done' | Error> } {
  let settle: (outcome: 'done' | Error) => void = () => undefined;
  const ended = new Promise<'done' | Error>((resolve) => (settle = resolve));
  const writer: BodyWriter = async (write) => {
    try {
      const buffer = Buffer.alloc(MIB, 7);
      for (let piece = 0; piece < pieces; piece++) {
        if (piece === failAfter) throw new SizeMismatchError();
        await write(buffer);
      }
      settle('done');
    } catch (error) {
      settle(error as Error);
      throw error;
    }
  };
  return { writer, ended };
}

describe('DavTransport: bodies written by the caller', () => {
  let server: Server;
  let base: URL;
  /** Answers 507 to whatever arrives, then stops reading (the socket stays open, the body is never flushed). */
  let refuser: TcpServer;
  let refuserBase: URL;
  const sockets = new Set<Socket>();
  const received: Array<{ path: string; bytes: number; complete: boolean }> = [];
  let transport: DavTransport;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('close', () => received.push({ path: req.url ?? '', bytes, complete: req.complete }));
      req.on('end', () => res.writeHead(201, { 'Content-Length': '0' }).end());
    });
    refuser = createTcpServer((socket) => {
      socket.once('data', () => {
        socket.pause();
        socket.write('HTTP/1.1 507 Insufficient Storage\r\nContent-Length: 0\r\n\r\n');
      });
    });
    for (const listening of [server, refuser]) {
      listening.on('connection', (socket: Socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    }
    base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    refuserBase = new URL(`http://127.0.0.1:${(refuser.address() as AddressInfo).port}/`);
    transport = new DavTransport({ credentials: null });
  });
  afterAll(async () => {
    transport.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => refuser.close(() => resolve()));
  });

  const put = (path: string, size: number, body: BodyWriter, at = base) =>
    transport.send({ method: 'PUT', url: new URL(path, at), headers: { 'Content-Length': String(size) }, body });

  it('sends every piece, each flushed before the writer goes on', async () => {
    const { writer, ended } = pieceWriter(8);
    const response = await put('/whole', 8 * MIB, writer);
    response.body.resume();
    expect(response.status).toBe(201);
    expect(await ended).toBe('done');
    await expect.poll(() => received.find((request) => request.path === '/whole')).toEqual({ path: '/whole', bytes: 8 * MIB, complete: true });
  });

  it('stops the writer as soon as the server answers early, and hands the answer to the caller', async () => {
    const { writer, ended } = pieceWriter(256);
    const response = await put('/refused', 256 * MIB, writer, refuserBase);
    response.body.resume();
    expect(response.status).toBe(507);
    // Without the stop the writer would wait for a flush that never comes: the server stopped reading.
    const outcome = await Promise.race([ended, new Promise((resolve) => setTimeout(() => resolve('still writing'), 2000))]);
    expect(outcome).toBeInstanceOf(Error);
  });

  it("fails with the writer's own error, not the broken request's, and never completes the body", async () => {
    const { writer } = pieceWriter(4, 2);
    await expect(put('/short', 4 * MIB, writer)).rejects.toBeInstanceOf(SizeMismatchError);
    await expect.poll(() => received.find((request) => request.path === '/short')?.complete).toBe(false);
  });
});
