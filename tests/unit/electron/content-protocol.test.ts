import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/ports';
import { createVaultCore, type VaultCore } from '../../../src-main/core/vault-core';
import { registerContentProtocol } from '../../../src-main/electron/content-protocol';
import { contentUrlFor } from '../../../src-main/electron/schemes';
import { app, protocol, resetElectronDouble } from '../../support/electron-double';

const PDF_LIKE = Buffer.from('%PDF-1.7\n' + 'x'.repeat(991) + '\n%%EOF'); // 1,006 bytes
const HTML = Buffer.from('<!doctype html><script>parent.docuvault.invoke("documents:delete")</script>');

let temp: string;
let core: VaultCore;
let pdfId: string;
let htmlId: string;

async function upload(name: string, contents: Buffer): Promise<string> {
  const bytes = new Uint8Array(contents);
  const folderId = core.folders.list().find((folder) => folder.isDefault)!.id;
  const started = await core.uploads.start(folderId, [{ kind: 'bytes', name, bytes }]);
  const [item] = await started.done;
  if (item?.state !== 'done' || !item.documentId) throw new Error(`upload of ${name} failed: ${JSON.stringify(item)}`);
  return item.documentId;
}

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'docuvault-content-protocol-'));
  core = await createVaultCore({ dataDir: temp, logger: silentLogger });
  pdfId = await upload('report.pdf', PDF_LIKE);
  htmlId = await upload('page.html', HTML);
});

afterAll(async () => {
  await core.close();
  await rm(temp, { recursive: true, force: true });
});

beforeEach(() => {
  resetElectronDouble();
  app.fireReady();
  registerContentProtocol(core, silentLogger);
});

const fetchContent = (id: string, init?: RequestInit) => protocol.fetch(contentUrlFor(id), init);

describe('the content protocol', () => {
  it('serves a whole document with 200, its stored type and length', async () => {
    const response = await fetchContent(pdfId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-length')).toBe(String(PDF_LIKE.length));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PDF_LIKE);
  });

  it('serves a range with 206 and Content-Range', async () => {
    const response = await fetchContent(pdfId, { headers: { Range: 'bytes=100-199' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-199/${PDF_LIKE.length}`);
    expect(response.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PDF_LIKE.subarray(100, 200));
  });

  it('serves an open-ended and a suffix range', async () => {
    const tail = await fetchContent(pdfId, { headers: { Range: 'bytes=1000-' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(PDF_LIKE.subarray(1000));
    const suffix = await fetchContent(pdfId, { headers: { Range: 'bytes=-6' } });
    expect(suffix.status).toBe(206);
    expect(await suffix.text()).toBe('\n%%EOF');
  });

  it('answers a range past the end with 416 and the size', async () => {
    const response = await fetchContent(pdfId, { headers: { Range: `bytes=${PDF_LIKE.length}-` } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${PDF_LIKE.length}`);
    expect(await response.text()).toBe('');
  });

  it('lets the app origin, and only it, read ranges with fetch() (pdf.js)', async () => {
    const response = await fetchContent(pdfId, { headers: { Range: 'bytes=0-9', Origin: 'app://docuvault' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('app://docuvault');
    const exposed = response.headers.get('access-control-expose-headers')!.split(/,\s*/).map((h) => h.toLowerCase());
    expect(exposed).toEqual(expect.arrayContaining(['content-range', 'content-length', 'accept-ranges']));
  });

  it('answers a CORS preflight for Range from the app origin', async () => {
    const response = await fetchContent(pdfId, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('app://docuvault');
    expect(response.headers.get('access-control-allow-headers')).toBe('Range');
  });

  it('serves a stored HTML document sandboxed and unsniffed, so it cannot script the app', async () => {
    const response = await fetchContent(htmlId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('content-security-policy')).toBe('sandbox');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps the sandbox and nosniff on partial and error responses too', async () => {
    for (const response of [
      await fetchContent(htmlId, { headers: { Range: 'bytes=0-3' } }),
      await fetchContent(htmlId, { headers: { Range: 'bytes=9999-' } }),
      await fetchContent('0b6f1a52-4c1e-4b8e-9a43-5f3c2d1e0a9b'),
    ]) {
      expect(response.headers.get('content-security-policy')).toBe('sandbox');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await fetchContent(pdfId, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(PDF_LIKE.length));
    expect(await response.text()).toBe('');
  });

  it.each([
    ['an unknown id', 'docuvault-content://document/0b6f1a52-4c1e-4b8e-9a43-5f3c2d1e0a9b'],
    ['an id that is not a uuid', 'docuvault-content://document/..%2F..%2Fdocuvault.sqlite'],
    ['an empty id', 'docuvault-content://document/'],
    ['an id with extra path', `docuvault-content://document/${'0b6f1a52-4c1e-4b8e-9a43-5f3c2d1e0a9b'}/x`],
    ['another host', 'docuvault-content://elsewhere/0b6f1a52-4c1e-4b8e-9a43-5f3c2d1e0a9b'],
  ])('answers %s with 404', async (_label, url) => {
    const response = await protocol.fetch(url);
    expect(response.status).toBe(404);
  });

  it('refuses methods other than GET, HEAD and OPTIONS', async () => {
    const response = await fetchContent(pdfId, { method: 'DELETE' });
    expect(response.status).toBe(405);
  });
});
