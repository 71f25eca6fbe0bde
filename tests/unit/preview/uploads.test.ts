import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentPage, FolderDto, UploadItemDto, UploadProgressEvent } from '../../../src-shared/domain';
import { connectSse, type SseClient } from '../../support/preview/sse-client';
import { startTestPreview, type TestPreview } from '../../support/preview/test-preview';
import { announceUploads, putUploadBody } from '../../support/preview/upload-client';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function finalState(sse: SseClient, uploadId: string, states = ['done', 'failed', 'cancelled']): Promise<UploadItemDto> {
  return sse
    .waitFor(
      (e) =>
        e.event === 'uploads:progress' &&
        (e.data as UploadProgressEvent).items.some((i) => i.uploadId === uploadId && states.includes(i.state)),
    )
    .then((e) => (e.data as UploadProgressEvent).items.find((i) => i.uploadId === uploadId)!);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

/** Opens a PUT and hands back the request, to send its body piece by piece (or abandon it). */
function openPut(preview: TestPreview, ref: string, size: number) {
  let answered!: (value: { status: number; body: string }) => void;
  const response = new Promise<{ status: number; body: string }>((resolve) => (answered = resolve));
  const req = request(
    {
      host: '127.0.0.1',
      port: preview.port,
      method: 'PUT',
      path: `/api/uploads/${ref}`,
      headers: { Host: `127.0.0.1:${preview.port}`, Authorization: `Bearer ${preview.server.token}`, 'Content-Length': size },
      agent: false,
    },
    (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (t: string) => (body += t));
      res.on('end', () => answered({ status: res.statusCode ?? 0, body }));
    },
  );
  req.on('error', () => undefined);
  req.flushHeaders();
  return { req, response };
}

describe('streamed uploads through the preview', () => {
  let preview: TestPreview;
  let sse: SseClient;
  let folderId: string;

  beforeEach(async () => {
    preview = await startTestPreview({ uploadClaimTimeoutMs: 400 });
    sse = await connectSse(preview.port, preview.server.token);
    folderId = (await preview.value<FolderDto[]>('folders:list', {}))[0]!.id;
  });
  afterEach(async () => {
    sse.close();
    await preview.close();
  });

  const vaultTmp = () => join(preview.dataDir, 'vault', 'tmp');
  const vaultObjects = () => join(preview.dataDir, 'vault', 'objects');

  it('announces files, returns the batch at once, and stores each PUT body', async () => {
    const files = [
      { name: 'a.txt', data: Buffer.from('first file\n') },
      { name: 'b.bin', data: randomBytes(300_000) },
      { name: 'empty.txt', data: Buffer.alloc(0) },
    ];
    const { batch, refs } = await announceUploads(preview, folderId, files.map((f) => ({ name: f.name, size: f.data.length })));
    expect(batch.items.map((i) => i.name)).toEqual(['a.txt', 'b.bin', 'empty.txt']);
    expect(batch.items.map((i) => i.bytesTotal)).toEqual(files.map((f) => f.data.length));
    expect(new Set(refs).size).toBe(3);

    const answers = await Promise.all(refs.map((ref, i) => putUploadBody(preview, ref, files[i]!.data)));
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(200);
      expect(answer.result).toMatchObject({ ok: true, value: { state: 'done', uploadId: batch.items[i]!.uploadId } });
    }
    const page = await preview.value<DocumentPage>('documents:list', { sortBy: 'name', sortDir: 'asc' });
    expect(page.items.map((d) => [d.name, d.size, d.sha256])).toEqual(files.map((f) => [f.name, f.data.length, sha256(f.data)]));
    const stored = await preview.authed({ path: `/content/${page.items[1]!.id}` });
    expect(stored.body.equals(files[1]!.data)).toBe(true);
  });

  it('streams: the core stores bytes while the request body is still arriving', async () => {
    const size = 4 * 1024 * 1024;
    const { batch, refs } = await announceUploads(preview, folderId, [{ name: 'slow.bin', size }]);
    const { req, response } = openPut(preview, refs[0]!, size);
    const data = randomBytes(size);
    req.write(data.subarray(0, size / 2));
    const midway = await sse.waitFor(
      (e) => e.event === 'uploads:progress' && (e.data as UploadProgressEvent).items.some((i) => i.bytesDone >= size / 4),
    );
    expect((midway.data as UploadProgressEvent).items[0]!.state).toBe('uploading');
    req.end(data.subarray(size / 2));
    const answer = await response;
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { state: 'done', uploadId: batch.items[0]!.uploadId } });
    const [doc] = (await preview.value<DocumentPage>('documents:list', {})).items;
    expect(doc!.sha256).toBe(sha256(data));
  });

  it('holds the browser back while the core is not reading (backpressure), without buffering the body', async () => {
    // Three uploads fill the core's parallel slots; the fourth waits its turn.
    const big = 64 * 1024 * 1024;
    const { batch, refs } = await announceUploads(preview, folderId, [
      { name: 'h1', size: 10 },
      { name: 'h2', size: 10 },
      { name: 'h3', size: 10 },
      { name: 'queued.bin', size: big },
    ]);
    const holders = refs.slice(0, 3).map((ref) => openPut(preview, ref, 10));
    for (const h of holders) h.req.write(Buffer.alloc(5));

    let pulled = 0;
    const chunk = Buffer.alloc(256 * 1024, 7);
    const body = new Readable({
      read() {
        if (pulled >= big) return void this.push(null);
        pulled += chunk.length;
        this.push(chunk);
      },
    });
    const queued = putUploadBody(preview, refs[3]!, body, { 'Content-Length': big });
    await new Promise((r) => setTimeout(r, 700));
    // Socket buffers and one stream buffer at most: far less than the body.
    expect(pulled).toBeLessThan(big / 4);

    for (const h of holders) h.req.end(Buffer.alloc(5));
    const answer = await queued;
    expect(answer.result).toMatchObject({ ok: true, value: { state: 'done', uploadId: batch.items[3]!.uploadId } });
    expect(pulled).toBe(big);
  });

  it('cancels the item and removes the partial when the browser goes away mid-body', async () => {
    const size = 2 * 1024 * 1024;
    const { batch, refs } = await announceUploads(preview, folderId, [{ name: 'torn.bin', size }]);
    const uploadId = batch.items[0]!.uploadId;
    const { req } = openPut(preview, refs[0]!, size);
    req.write(randomBytes(size / 2));
    await sse.waitFor((e) => e.event === 'uploads:progress' && (e.data as UploadProgressEvent).items.some((i) => i.bytesDone > 0));
    req.destroy();

    const item = await finalState(sse, uploadId);
    expect(item.state).toBe('cancelled');
    expect(item.error?.code).toBe('CANCELLED');
    expect((await preview.value<DocumentPage>('documents:list', {})).total).toBe(0);
    expect(await filesUnder(vaultTmp())).toEqual([]);
    expect(await filesUnder(vaultObjects())).toEqual([]);
    // The ref is spent: nobody can feed the cancelled item afterwards.
    expect((await putUploadBody(preview, refs[0]!, randomBytes(size))).status).toBe(404);
  });

  it('answers the PUT with CANCELLED when the person cancels the upload mid-body', async () => {
    const size = 2 * 1024 * 1024;
    const { batch, refs } = await announceUploads(preview, folderId, [{ name: 'stopped.bin', size }]);
    const { req, response } = openPut(preview, refs[0]!, size);
    req.write(randomBytes(size / 4));
    await sse.waitFor((e) => e.event === 'uploads:progress' && (e.data as UploadProgressEvent).items.some((i) => i.bytesDone > 0));
    await expect(preview.value('documents:cancel-upload', { uploadId: batch.items[0]!.uploadId })).resolves.toEqual({ cancelled: true });
    const answer = await response;
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    req.destroy();
    expect((await preview.value<DocumentPage>('documents:list', {})).total).toBe(0);
    expect(await filesUnder(vaultTmp())).toEqual([]);
  });

  it('cancels at once a file whose bytes have not started to arrive', async () => {
    const patient = await startTestPreview({ uploadClaimTimeoutMs: 60_000 });
    const events = await connectSse(patient.port, patient.server.token);
    try {
      const folder = (await patient.value<FolderDto[]>('folders:list', {}))[0]!.id;
      const { batch } = await announceUploads(patient, folder, [{ name: 'waiting.txt', size: 3 }]);
      const uploadId = batch.items[0]!.uploadId;
      await events.waitFor((e) => e.event === 'uploads:progress' && (e.data as UploadProgressEvent).items.some((i) => i.state === 'uploading'));
      await expect(patient.value('documents:cancel-upload', { uploadId })).resolves.toEqual({ cancelled: true });
      expect((await finalState(events, uploadId, ['done', 'failed', 'cancelled'])).state).toBe('cancelled');
    } finally {
      events.close();
      await patient.close();
    }
  });

  it('cancels announced files whose bytes never come', async () => {
    const { batch, refs } = await announceUploads(preview, folderId, [
      { name: 'never-1.txt', size: 3 },
      { name: 'never-2.txt', size: 3 },
    ]);
    const items = await Promise.all(batch.items.map((i) => finalState(sse, i.uploadId)));
    expect(items.map((i) => i.state)).toEqual(['cancelled', 'cancelled']);
    expect((await putUploadBody(preview, refs[0]!, Buffer.from('abc'))).status).toBe(404);
    expect((await preview.value<DocumentPage>('documents:list', {})).total).toBe(0);
  });

  it('fails an upload over the vault quota, stores nothing, and still answers the PUT', async () => {
    await preview.value('vault:set-quota', { quotaBytes: 100_000 });
    const data = randomBytes(150_000);
    const { refs } = await announceUploads(preview, folderId, [{ name: 'too-big.bin', size: data.length }]);
    const answer = await putUploadBody(preview, refs[0]!, data);
    expect(answer.result).toMatchObject({ ok: false, error: { code: 'QUOTA_EXCEEDED' } });
    if (!answer.result.ok) expect(answer.result.error.message).toMatch(/not enough space/i);
    expect((await preview.value<DocumentPage>('documents:list', {})).total).toBe(0);
    expect(await filesUnder(vaultObjects())).toEqual([]);
  });

  it('keeps the connection usable after answering a body it stopped reading', async () => {
    await preview.value('vault:set-quota', { quotaBytes: 100_000 });
    const data = randomBytes(150_000);
    const { refs } = await announceUploads(preview, folderId, [{ name: 'refused.bin', size: data.length }]);
    // One keep-alive socket, as a browser would reuse it for the next request.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const send = (method: string, path: string, body?: Buffer) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port: preview.port,
              method,
              path,
              agent,
              headers: { Authorization: `Bearer ${preview.server.token}`, ...(body ? { 'Content-Length': body.length } : {}) },
            },
            (res) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (t: string) => (text += t));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      const refused = await send('PUT', `/api/uploads/${refs[0]}`, data);
      expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'QUOTA_EXCEEDED' } });
      const started = Date.now();
      const next = await send('GET', '/assets/app.js');
      expect(next.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      agent.destroy();
    }
  });

  it('refuses a body whose size differs from the announcement', async () => {
    const { batch, refs } = await announceUploads(preview, folderId, [{ name: 'liar.txt', size: 10 }]);
    const answer = await putUploadBody(preview, refs[0]!, Buffer.from('much longer than ten bytes'));
    expect(answer.status).toBe(400);
    expect((await finalState(sse, batch.items[0]!.uploadId)).state).toBe('cancelled');
    expect((await preview.value<DocumentPage>('documents:list', {})).total).toBe(0);
  });

  it('accepts one body per ref, and none for an unknown ref', async () => {
    const { refs } = await announceUploads(preview, folderId, [{ name: 'once.txt', size: 4 }]);
    const { req, response } = openPut(preview, refs[0]!, 4);
    req.write('ab');
    await new Promise((r) => setTimeout(r, 50));
    expect((await putUploadBody(preview, refs[0]!, Buffer.from('cdef'))).status).toBe(409);
    req.end('cd');
    expect(JSON.parse((await response).body)).toMatchObject({ ok: true, value: { state: 'done' } });
    expect((await putUploadBody(preview, 'not-a-ref', Buffer.from('x'))).status).toBe(404);
  });

  it('answers an announcement for a missing folder with the router’s error, and forgets its refs', async () => {
    const response = await preview.authed({
      method: 'POST',
      path: '/api/uploads',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ folderId: '00000000-0000-4000-8000-000000000000', files: [{ name: 'x.txt', size: 1 }] }),
    });
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('validates announcements', async () => {
    for (const body of [{ folderId, files: [] }, { folderId, files: [{ name: 'x', size: -1 }] }, { files: [{ name: 'x', size: 1 }] }]) {
      const response = await preview.authed({
        method: 'POST',
        path: '/api/uploads',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const named = await preview.authed({
      method: 'POST',
      path: '/api/uploads',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ folderId, files: [{ name: '   ', size: 1 }] }),
    });
    expect(named.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('stops cleanly while bodies are half-sent, leaving no partial file behind', async () => {
    // One body has not yet filled the core's type sniffing window, one is past it.
    const { batch, refs } = await announceUploads(preview, folderId, [
      { name: 'barely-started.bin', size: 1_000_000 },
      { name: 'midway.bin', size: 1_000_000 },
    ]);
    const puts = refs.map((ref) => openPut(preview, ref, 1_000_000));
    puts[0]!.req.write(Buffer.alloc(100));
    puts[1]!.req.write(Buffer.alloc(100_000));
    const started = (id: string, bytes: number) =>
      sse.waitFor(
        (e) =>
          e.event === 'uploads:progress' &&
          (e.data as UploadProgressEvent).items.some((i) => i.uploadId === id && i.state === 'uploading' && i.bytesDone >= bytes),
      );
    await Promise.all([started(batch.items[0]!.uploadId, 0), started(batch.items[1]!.uploadId, 1)]);
    const closed = await Promise.race([preview.server.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('hung'), 5_000))]);
    expect(closed).toBe('closed');
    for (const put of puts) put.req.destroy();
    expect(await filesUnder(vaultTmp())).toEqual([]);
    expect(await filesUnder(vaultObjects())).toEqual([]);
  });

});
