import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentContentDto, FolderDto } from '../../../src-shared/domain';
import { CONTENT_SECURITY_HEADERS } from '../../../src-main/ipc/content-response';
import { startTestPreview, type TestPreview } from '../../support/preview/test-preview';
import { announceUploads, putUploadBody } from '../../support/preview/upload-client';

/** Node adds these to every response; everything else must come from serveDocumentContent. */
const TRANSPORT_HEADERS = ['date', 'connection', 'keep-alive', 'transfer-encoding'];

describe('document content in the preview', () => {
  let preview: TestPreview;
  let documentId: string;
  const bytes = Buffer.from('<html><script>alert(1)</script></html>', 'utf8');

  beforeAll(async () => {
    preview = await startTestPreview();
    const [folder] = await preview.value<FolderDto[]>('folders:list', {});
    const { refs } = await announceUploads(preview, folder!.id, [{ name: 'page "1".html', size: bytes.length }]);
    const { result } = await putUploadBody(preview, refs[0]!, bytes);
    if (!result.ok) throw new Error(result.error.message);
    documentId = result.value.documentId!;
  });
  afterAll(() => preview.close());

  it('is where documents:content points (a relative URL)', async () => {
    const content = await preview.value<DocumentContentDto>('documents:content', { id: documentId });
    expect(content.url).toBe(`/content/${documentId}`);
  });

  it('serves the bytes with exactly the headers of the Electron content protocol', async () => {
    const response = await preview.authed({ path: `/content/${documentId}` });
    expect(response.status).toBe(200);
    expect(response.body.equals(bytes)).toBe(true);
    const expected = {
      ...lowerCase(CONTENT_SECURITY_HEADERS),
      'content-type': 'text/html',
      'accept-ranges': 'bytes',
      'content-length': String(bytes.length),
      // The file name's escaping belongs to the core (tested there); here only its form.
      'content-disposition': expect.stringMatching(/^inline; filename="[^"]+"; filename\*=UTF-8''\S+$/),
    };
    expect(withoutTransportHeaders(response.headers)).toEqual(expected);
    // An uploaded page is its own sandboxed origin: it can never run script as the app.
    expect(response.headers['content-security-policy']).toBe('sandbox');
  });

  it('answers a Range with 206 and Content-Range', async () => {
    const response = await preview.authed({ path: `/content/${documentId}`, headers: { Range: 'bytes=6-13' } });
    expect(response.status).toBe(206);
    expect(response.text()).toBe('<script>');
    expect(response.headers['content-range']).toBe(`bytes 6-13/${bytes.length}`);
    expect(response.headers['content-length']).toBe('8');
  });

  it('answers an unsatisfiable Range with 416', async () => {
    const response = await preview.authed({ path: `/content/${documentId}`, headers: { Range: `bytes=${bytes.length + 10}-` } });
    expect(response.status).toBe(416);
    expect(response.headers['content-range']).toBe(`bytes */${bytes.length}`);
    expect(response.body.length).toBe(0);
  });

  it('answers HEAD with the headers only', async () => {
    const response = await preview.authed({ method: 'HEAD', path: `/content/${documentId}` });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(bytes.length));
    expect(response.body.length).toBe(0);
  });

  it('answers 404 for an unknown document', async () => {
    const response = await preview.authed({ path: '/content/00000000-0000-4000-8000-000000000000' });
    expect(response.status).toBe(404);
    expect(response.headers['content-security-policy']).toBe('sandbox');
  });
});

function lowerCase(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function withoutTransportHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !TRANSPORT_HEADERS.includes(name)));
}
