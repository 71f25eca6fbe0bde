import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebDavBackend } from '../../../src-main/core/storage/webdav/webdav-backend';
import { startFaultProxy, type FaultProxy } from '../../servers/fault-proxy';
import { startWebDavServer, type WebDavTestServer } from '../../servers/webdav-server';
import { generatedStream, manualStream } from '../../support/streams';
import { basicAuth, expectNoSecret, hint, putText, rawRequest, rejectionOf } from './dav-test-helpers';

const MIB = 1024 * 1024;
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 50, random: () => 1 };

function stagingLeftovers(files: string[]): string[] {
  return files.filter((path) => path.startsWith('DocuVault/.docuvault-staging/') && !path.endsWith('/'));
}

describe('WebDAV failures', () => {
  let server: WebDavTestServer;
  let faults: FaultProxy;
  /** Talks to the server through the fault proxy. */
  let backend: WebDavBackend;
  /**
   * Talks to the server directly: the fault proxy does not pass a client's
   * abort on to the server, so an aborted upload would stay open there forever.
   */
  let direct: WebDavBackend;

  beforeAll(async () => {
    server = await startWebDavServer();
    faults = await startFaultProxy(server.url);
    const options = { retry: FAST_RETRY, bufferedUploadLimit: MIB };
    backend = new WebDavBackend({ url: faults.url, username: server.username }, { password: server.password }, options);
    direct = new WebDavBackend({ url: server.url, username: server.username }, { password: server.password }, options);
  });
  afterAll(async () => {
    backend.close();
    direct.close();
    await faults.close();
    await server.close();
  });

  it('maps 507 Insufficient Storage to QUOTA_EXCEEDED, without retrying, and leaves nothing behind', async () => {
    await server.setQuota(1000);
    try {
      const before = (await server.requests()).filter((request) => request.method === 'PUT').length;
      const error = await rejectionOf(putText(backend, 'x'.repeat(5000), hint('big.txt', ['Full'])));
      expect(error).toMatchObject({ code: 'QUOTA_EXCEEDED' });
      expect((await server.requests()).filter((request) => request.method === 'PUT').length - before).toBe(1);
      expect(stagingLeftovers(await server.files())).toEqual([]);
    } finally {
      await server.setQuota(null);
    }
  });

  it('reports free space from the server quota in the health check, and null when the server has none', async () => {
    await server.setQuota(10 * MIB);
    try {
      const health = await backend.healthCheck();
      expect(health.ok).toBe(true);
      expect(health.freeBytes).toBeGreaterThan(9 * MIB);
      expect(health.freeBytes).toBeLessThanOrEqual(10 * MIB);
    } finally {
      await server.setQuota(null);
    }
    expect((await backend.healthCheck()).freeBytes).toBeNull();
  });

  it('retries a buffered upload after a connection reset', async () => {
    faults.inject({ kind: 'reset' }, { method: 'PUT' });
    const { key } = await putText(backend, 'after a reset', hint('reset.txt', ['Faults']));
    expect(faults.pendingFaults()).toBe(0);
    expect(await backend.stat(key)).toMatchObject({ size: 13 });
  });

  it('sends a streamed upload (above the buffer limit) once: a 503 fails it cleanly', async () => {
    faults.inject({ kind: 'status', status: 503 }, { method: 'PUT' });
    const size = 3 * MIB;
    const source = generatedStream(size);
    const error = await rejectionOf(backend.put({ body: source.stream, size, hint: hint('streamed.bin', ['Faults']) }));
    expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(stagingLeftovers(await server.files())).toEqual([]);
    expect(await server.files()).not.toContain('DocuVault/Faults/streamed.bin');
  });

  it('streams a large upload and verifies its size on the server', async () => {
    const size = 3 * MIB + 17;
    const source = generatedStream(size);
    const result = await backend.put({ body: source.stream, size, hint: hint('large.bin', ['Streamed']) });
    expect(result).toMatchObject({ key: 'DocuVault/Streamed/large.bin', size, sha256: source.digest() });
    const propfinds = (await server.requests()).filter((request) => request.method === 'PROPFIND' && request.path.includes('.docuvault-staging'));
    expect(propfinds.length).toBeGreaterThan(0);
  });

  it('refuses a streamed body shorter than announced with CONFLICT and removes the partial upload', async () => {
    const body = Readable.from([Buffer.alloc(MIB + 10, 1)]);
    const error = await rejectionOf(direct.put({ body, size: 2 * MIB, hint: hint('short.bin', ['Faults']) }));
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(stagingLeftovers(await server.files())).toEqual([]);
  });

  it('fails at once when the connection drops while a streamed body is waiting for more bytes', async () => {
    const body = manualStream();
    faults.inject({ kind: 'reset' }, { method: 'PUT' });
    const putting = backend.put({ body, size: 4 * MIB, hint: hint('stalled.bin', ['Faults']) });
    // More than one piece, then nothing: the body is stalled when the reset arrives, and must be let go.
    body.write(Buffer.alloc(MIB + 100));
    expect(await rejectionOf(putting)).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(body.destroyed).toBe(true);
    expect(stagingLeftovers(await server.files())).toEqual([]);
  });

  it('is cancelled by its AbortSignal mid-stream, leaving nothing behind', async () => {
    const body = manualStream();
    const controller = new AbortController();
    const putting = direct.put({ body, size: 4 * MIB, hint: hint('cancelled.bin', ['Faults']), signal: controller.signal });
    body.write(Buffer.alloc(MIB + 1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await rejectionOf(putting)).toMatchObject({ code: 'CANCELLED' });
    expect(stagingLeftovers(await server.files())).toEqual([]);
  });

  it('a 403 on a write means "not allowed here", not a refused password: a typed error, nothing left, the connection keeps working', async () => {
    const puts = () => faults.seen.filter((request) => request.method === 'PUT').length;
    const before = puts();
    faults.inject({ kind: 'status', status: 403 }, { method: 'PUT' });
    const error = await rejectionOf(putText(backend, 'read-only share', hint('forbidden.txt', ['Read only'])));
    expect(error).toMatchObject({ code: 'UNSUPPORTED' });
    expect(error.message).toMatch(/permission denied/);
    // Not retried: a forbidden write stays forbidden.
    expect(puts() - before).toBe(1);
    expect(stagingLeftovers(await server.files())).toEqual([]);
    expect((await backend.healthCheck()).ok).toBe(true);
    const stored = await putText(backend, 'allowed again', hint('allowed.txt', ['Read only']));
    expect(stored.size).toBe('allowed again'.length);
  });

  it('a 403 on a read still means the stored credentials no longer give access', async () => {
    faults.inject({ kind: 'status', status: 403 }, { method: 'PROPFIND' });
    expect(await rejectionOf(backend.healthCheck())).toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'unauthorized' });
  });

  it('discardIncomplete removes what an interrupted upload left in the staging folder, idempotently', async () => {
    const documentId = randomUUID();
    const auth = basicAuth(server.username, server.password);
    await rawRequest(`${server.url}DocuVault/`, 'MKCOL', auth);
    await rawRequest(`${server.url}DocuVault/.docuvault-staging/`, 'MKCOL', auth);
    expect(await rawRequest(`${server.url}DocuVault/.docuvault-staging/${documentId}.partial`, 'PUT', auth, 'half')).toBe(201);
    expect(await server.files()).toContain(`DocuVault/.docuvault-staging/${documentId}.partial`);
    await backend.discardIncomplete(documentId);
    await backend.discardIncomplete(documentId);
    expect(await server.files()).not.toContain(`DocuVault/.docuvault-staging/${documentId}.partial`);
    await expect(backend.discardIncomplete('../DocuVault')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('answers BACKEND_UNAVAILABLE when the server cannot be reached, and the health check says so', async () => {
    const gone = await startWebDavServer();
    const url = gone.url;
    await gone.close();
    const offline = new WebDavBackend({ url, username: 'bob' }, { password: 'offline secret' }, { retry: FAST_RETRY });
    try {
      const error = await rejectionOf(putText(offline, 'nowhere', hint('x.txt')));
      expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
      expectNoSecret(error, 'bob', 'offline secret');
      expect(await offline.healthCheck()).toMatchObject({ ok: false, freeBytes: null });
    } finally {
      offline.close();
    }
  });
});

describe('WebDAV with refused credentials', () => {
  let server: WebDavTestServer;

  beforeAll(async () => {
    server = await startWebDavServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('stops after the first 401: REAUTH_REQUIRED, and no further request reaches the server', async () => {
    const wrong = 'not the password';
    const backend = new WebDavBackend({ url: server.url, username: server.username }, { password: wrong });
    try {
      const first = await rejectionOf(backend.healthCheck());
      expect(first).toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'unauthorized' });
      const seen = (await server.requests()).length;
      expect(seen).toBe(1);
      for (const attempt of [
        () => putText(backend, 'x', hint('x.txt')),
        () => backend.get('DocuVault/x.txt'),
        () => backend.stat('DocuVault/x.txt'),
        () => backend.delete('DocuVault/x.txt'),
        () => backend.discardIncomplete(randomUUID()),
        () => backend.ensureRoot(),
        () => backend.relocate('DocuVault/x.txt', hint('y.txt')),
      ]) {
        const error = await rejectionOf(attempt());
        expect(error).toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'unauthorized' });
        expectNoSecret(error, server.username, wrong);
      }
      expect((await server.requests()).length).toBe(seen);
      expectNoSecret(first, server.username, wrong);
    } finally {
      backend.close();
    }
  });

  it('keeps the password out of how the backend itself prints', () => {
    const backend = new WebDavBackend({ url: server.url, username: server.username }, { password: server.password });
    try {
      expectNoSecret(backend, server.username, server.password);
      expect(inspect(backend, { depth: null })).toContain('webdav');
    } finally {
      backend.close();
    }
  });

  it('refuses configuration that would leak or cannot work, before any request', () => {
    const make = (url: string, username = 'bob', password = 'pw') => () => new WebDavBackend({ url, username }, { password });
    expect(make('ftp://example.com/dav')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(make('https://bob:pw@example.com/dav')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(make('not a url')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(make('https://example.com/dav', '')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(make('https://example.com/dav', 'bob', '')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});
