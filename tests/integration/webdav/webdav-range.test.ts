import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebDavBackend } from '../../../src-main/core/storage/webdav/webdav-backend';
import { listenLoopback, startWebDavServer, type WebDavTestServer } from '../../servers/webdav-server';
import { hint, putText, readText } from './dav-test-helpers';

const CONTENT = 'abcdefghijklmnopqrstuvwxyz';

/** A server that answers GETs its own way, to exercise what the backend does with odd Range answers. */
async function oddServer(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.range);
    answer(req, res);
  });
  const listening = await listenLoopback(server);
  const backend = new WebDavBackend({ url: `http://127.0.0.1:${listening.port}/`, username: 'u' }, { password: 'p' });
  return {
    backend,
    seen,
    async close() {
      backend.close();
      await listening.close();
    },
  };
}

describe('WebDAV ranges', () => {
  let server: WebDavTestServer;
  let backend: WebDavBackend;
  let key: string;

  beforeAll(async () => {
    server = await startWebDavServer();
    backend = new WebDavBackend({ url: server.url, username: server.username }, { password: server.password });
    key = (await putText(backend, CONTENT, hint('alphabet.txt'))).key;
  });
  afterAll(async () => {
    backend.close();
    await server.close();
  });

  it('asks the server for the range and passes its 206 through', async () => {
    expect(await readText(await backend.get(key, { range: { start: 2, end: 5 } }))).toBe('cdef');
    const gets = (await server.requests()).filter((request) => request.method === 'GET');
    expect(gets.at(-1)?.headers.range).toBe('bytes=2-5');
  });

  it('cuts the range itself when a server ignores Range and answers 200 with the whole file', async () => {
    const odd = await oddServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(CONTENT.length) });
      res.end(CONTENT);
    });
    try {
      expect(await readText(await odd.backend.get('DocuVault/x.txt', { range: { start: 3, end: 6 } }))).toBe('defg');
      expect(await readText(await odd.backend.get('DocuVault/x.txt', { range: { start: 25, end: 25 } }))).toBe('z');
      expect(odd.seen).toEqual(['bytes=3-6', 'bytes=25-25']);
    } finally {
      await odd.close();
    }
  });

  it('skips and caps when a server answers 206 with a wider range than asked', async () => {
    const odd = await oddServer((_req, res) => {
      res.writeHead(206, { 'Content-Range': `bytes 0-${CONTENT.length - 1}/${CONTENT.length}`, 'Content-Length': String(CONTENT.length) });
      res.end(CONTENT);
    });
    try {
      expect(await readText(await odd.backend.get('DocuVault/x.txt', { range: { start: 10, end: 12 } }))).toBe('klm');
    } finally {
      await odd.close();
    }
  });

  it('refuses a 206 that starts after the requested range', async () => {
    const odd = await oddServer((_req, res) => {
      res.writeHead(206, { 'Content-Range': `bytes 5-9/${CONTENT.length}`, 'Content-Length': '5' });
      res.end(CONTENT.slice(5, 10));
    });
    try {
      await expect(odd.backend.get('DocuVault/x.txt', { range: { start: 2, end: 9 } })).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    } finally {
      await odd.close();
    }
  });

  it('answers VALIDATION for a range past the end (416) and for a malformed range', async () => {
    const odd = await oddServer((_req, res) => {
      res.writeHead(416, { 'Content-Range': `bytes */${CONTENT.length}` });
      res.end();
    });
    try {
      await expect(odd.backend.get('DocuVault/x.txt', { range: { start: 100, end: 200 } })).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(odd.backend.get('DocuVault/x.txt', { range: { start: 5, end: 2 } })).rejects.toMatchObject({ code: 'VALIDATION' });
      expect(odd.seen).toHaveLength(1);
    } finally {
      await odd.close();
    }
  });
});
