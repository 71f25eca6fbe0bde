import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentPage, FolderDto } from '../../../src-shared/domain';
import { connectSse } from '../../support/preview/sse-client';
import { startTestPreview, type TestPreview } from '../../support/preview/test-preview';
import { announceUploads, putUploadBody } from '../../support/preview/upload-client';

describe('the preview API', () => {
  let preview: TestPreview;

  beforeEach(async () => {
    preview = await startTestPreview();
  });
  afterEach(() => preview.close());

  it('answers a contract channel with the router’s Result envelope', async () => {
    const created = await preview.value<FolderDto>('folders:create', { name: 'Taxes' });
    expect(created.name).toBe('Taxes');
    const folders = await preview.value<FolderDto[]>('folders:list', {});
    expect(folders.map((f) => f.name).sort()).toEqual(['My Vault', 'Taxes']);
  });

  it('reports invalid input as a VALIDATION envelope, not an HTTP failure', async () => {
    const response = await preview.authed({
      method: 'POST',
      path: '/api/invoke/folders:create',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: '   ' }),
    });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('only exposes contract channels', async () => {
    for (const channel of ['folders:explode', '__proto__', 'constructor', 'toString', '%E0%A4%A']) {
      const response = await preview.authed({
        method: 'POST',
        path: `/api/invoke/${channel}`,
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(response.status, channel).toBe(404);
      expect(response.json(), channel).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('wants POST with a JSON body', async () => {
    expect((await preview.authed({ path: '/api/invoke/folders:list' })).status).toBe(405);
    const form = await preview.authed({
      method: 'POST',
      path: '/api/invoke/folders:list',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    const broken = await preview.authed({
      method: 'POST',
      path: '/api/invoke/folders:list',
      headers: { 'Content-Type': 'application/json' },
      body: '{"unterminated',
    });
    expect(broken.status).toBe(400);
    expect(broken.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses an oversized call without buffering it', async () => {
    const response = await preview.authed({
      method: 'POST',
      path: '/api/invoke/folders:create',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
  });

  it('answers dialog channels UNSUPPORTED: the preview has no native dialogs', async () => {
    const [folder] = await preview.value<FolderDto[]>('folders:list', {});
    await expect(preview.invoke('documents:upload-from-dialog', { folderId: folder!.id })).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED' },
    });
  });

  it('does not let a page name files on this machine through documents:upload', async () => {
    const [folder] = await preview.value<FolderDto[]>('folders:list', {});
    const response = await preview.authed({
      method: 'POST',
      path: '/api/invoke/documents:upload',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ folderId: folder!.id, sources: [{ kind: 'path', path: preview.stub.secretPath }] }),
    });
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect((await preview.value<DocumentPage>('documents:list', {})).total).toBe(0);
  });

  it('sets the vault quota through vault:set-quota', async () => {
    await expect(preview.value('vault:set-quota', { quotaBytes: 1234 })).resolves.toMatchObject({ quotaBytes: 1234 });
    await expect(preview.value('vault:info', {})).resolves.toMatchObject({ quotaBytes: 1234 });
  });

  it('forwards core events to the window as Server-Sent Events', async () => {
    const sse = await connectSse(preview.port, preview.server.token);
    try {
      await preview.value('folders:create', { name: 'Receipts' });
      await expect(sse.waitFor((e) => e.event === 'folders:changed')).resolves.toMatchObject({ data: {} });

      const [folder] = await preview.value<FolderDto[]>('folders:list', {});
      const { batch, refs } = await announceUploads(preview, folder!.id, [{ name: 'note.txt', size: 5 }]);
      await putUploadBody(preview, refs[0]!, Buffer.from('hello'));
      const done = await sse.waitFor(
        (e) => e.event === 'uploads:progress' && (e.data as { items: Array<{ state: string }> }).items.some((i) => i.state === 'done'),
      );
      expect(done.data).toMatchObject({ batchId: batch.batchId, overall: { filesDone: 1, filesTotal: 1, bytesDone: 5 } });
      await expect(sse.waitFor((e) => e.event === 'documents:changed')).resolves.toMatchObject({ data: { folderIds: [folder!.id] } });
    } finally {
      sse.close();
    }
  });

  it('closes open event streams and refuses new connections when it stops', async () => {
    const sse = await connectSse(preview.port, preview.server.token);
    const port = preview.port;
    await preview.server.close();
    await expect(connectSse(port, preview.server.token)).rejects.toThrow();
    sse.close();
  });
});
