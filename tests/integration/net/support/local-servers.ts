import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCertificate } from './test-certificates';

/** A server on 127.0.0.1 that counts what reached it, to prove a refusal sent nothing. */
export interface CountingServer {
  readonly port: number;
  /** TCP connections accepted (for https, before any TLS). */
  readonly connections: number;
  /** HTTP requests received. */
  readonly requests: number;
  close(): Promise<void>;
}

/** Answers every request with 200 and a short body; enough for GET, HEAD and PUT probes. */
function answer(request: http.IncomingMessage, response: http.ServerResponse): void {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(request.method === 'HEAD' ? undefined : 'hello from the test server');
  });
}

export function startHttpServer(): Promise<CountingServer> {
  return listen(http.createServer());
}

export function startHttpsServer(certificate: TestCertificate): Promise<CountingServer> {
  return listen(https.createServer({ cert: certificate.certPem, key: certificate.keyPem }));
}

async function listen(server: http.Server | https.Server): Promise<CountingServer> {
  let connections = 0;
  let requests = 0;
  server.on('connection', () => connections++);
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    requests++;
    answer(request, response);
  });
  // A refused TLS handshake is expected in these tests; it must not crash the server.
  server.on('tlsClientError', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    get connections() {
      return connections;
    },
    get requests() {
      return requests;
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
