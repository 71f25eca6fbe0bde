import { createHash, randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentPage } from '../../src-shared/domain';
import { launchChromium, openPreview } from '../support/preview/chromium';
import { startTestPreview, type TestPreview } from '../support/preview/test-preview';

/**
 * The bridge script on its own, under a stub page: what the renderer relies on
 * from `window.docuvault` in the preview, whatever state the renderer is in.
 */
describe('the preview bridge in Chromium', () => {
  let browser: Browser;
  let preview: TestPreview;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    preview = await startTestPreview();
    context = await browser.newContext();
    page = await openPreview(context, preview.server.url);
  });
  afterEach(async () => {
    await context?.close();
    await preview?.close();
  });

  it('installs a frozen window.docuvault before the app runs, under the strict CSP', async () => {
    expect(await page.locator('#root').innerText()).toBe('stub app: preview');
    const shape = await page.evaluate(() => {
      const bridge = window.docuvault!;
      return {
        transport: bridge.transport,
        frozen: Object.isFrozen(bridge),
        replaceable: Object.getOwnPropertyDescriptor(window, 'docuvault')?.writable ?? true,
        methods: ['invoke', 'on', 'uploadFiles'].map((m) => typeof (bridge as unknown as Record<string, unknown>)[m]),
        cookieVisible: document.cookie.includes('docuvault_preview'),
        inlineScriptRan: (window as unknown as { inlineScriptRan?: boolean }).inlineScriptRan ?? false,
      };
    });
    expect(shape).toEqual({
      transport: 'preview',
      frozen: true,
      replaceable: false,
      methods: ['function', 'function', 'function'],
      cookieVisible: false,
      inlineScriptRan: false,
    });
  });

  it('invokes channels and delivers events', async () => {
    const outcome = await page.evaluate(async () => {
      const bridge = window.docuvault!;
      const changed = new Promise<unknown>((resolve) => {
        const off = bridge.on('folders:changed', (payload) => {
          off();
          resolve(payload);
        });
      });
      // Let the event stream connect before causing the event.
      await new Promise((r) => setTimeout(r, 300));
      const created = await bridge.invoke('folders:create', { name: 'From the bridge' });
      const invalid = await bridge.invoke('folders:create', { name: '' });
      const unknown = await bridge.invoke('folders:nope' as 'folders:list', {});
      return { created, invalid, unknown, event: await changed };
    });
    expect(outcome.created).toMatchObject({ ok: true, value: { name: 'From the bridge' } });
    expect(outcome.invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(outcome.unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(outcome.event).toEqual({});
  });

  it('stops sending a body as soon as its upload is cancelled', async () => {
    const size = 16 * 1024 * 1024;
    // Slow enough that the whole body would take 16 s.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
    const failedBodies: string[] = [];
    page.on('requestfailed', (request) => {
      if (request.method() === 'PUT') failedBodies.push(request.url());
    });

    const started = Date.now();
    const outcome = await page.evaluate(async (size) => {
      const bridge = window.docuvault!;
      const folders = await bridge.invoke('folders:list', {});
      if (!folders.ok) throw new Error(folders.error.message);
      let uploadId = '';
      const ended = new Promise<string>((resolve) => {
        bridge.on('uploads:progress', (event) => {
          const item = event.items.find((i) => i.uploadId === uploadId);
          if (item && item.bytesDone > 0 && item.state === 'uploading') void bridge.invoke('documents:cancel-upload', { uploadId });
          if (item && (item.state === 'cancelled' || item.state === 'done')) resolve(item.state);
        });
      });
      await new Promise((r) => setTimeout(r, 300));
      const batch = await bridge.uploadFiles(folders.value[0]!.id, [new File([new Uint8Array(size)], 'long.bin')]);
      if (!batch.ok) throw new Error(batch.error.message);
      uploadId = batch.value.items[0]!.uploadId;
      return ended;
    }, size);

    expect(outcome).toBe('cancelled');
    await expect.poll(() => failedBodies.length, { timeout: 5_000 }).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await preview.value<DocumentPage>('documents:list', {})).total).toBe(0);
  });

  it('streams files as request bodies and returns the batch before the bytes are stored', async () => {
    const files = [randomBytes(3 * 1024 * 1024), randomBytes(1000), Buffer.from('hello\n')];
    const names = ['scan.bin', 'small.bin', 'note.txt'];
    const requests: Array<{ method: string; url: string; type: string | null; length: number }> = [];
    page.on('request', (request) => {
      if (!request.url().includes('/api/uploads')) return;
      requests.push({ method: request.method(), url: request.url(), type: request.headers()['content-type'] ?? null, length: request.postDataBuffer()?.length ?? 0 });
    });

    const outcome = await page.evaluate(
      async ({ payload, names }) => {
        const bridge = window.docuvault!;
        const folders = await bridge.invoke('folders:list', {});
        if (!folders.ok) throw new Error(folders.error.message);
        const files = payload.map((base64, i) => {
          const binary = atob(base64);
          const bytes = new Uint8Array(binary.length);
          for (let j = 0; j < binary.length; j++) bytes[j] = binary.charCodeAt(j);
          return new File([bytes], names[i]!);
        });
        const finished = new Set<string>();
        const allDone = new Promise<void>((resolve) => {
          bridge.on('uploads:progress', (event) => {
            for (const item of event.items) if (item.state === 'done') finished.add(item.uploadId);
            if (finished.size === files.length) resolve();
          });
        });
        await new Promise((r) => setTimeout(r, 300));
        const batch = await bridge.uploadFiles(folders.value[0]!.id, files);
        const statesAtReturn = batch.ok ? batch.value.items.map((i) => i.state) : [];
        await allDone;
        return { batch, statesAtReturn };
      },
      { payload: files.map((f) => f.toString('base64')), names },
    );

    expect(outcome.batch.ok).toBe(true);
    expect(outcome.statesAtReturn.every((s) => s === 'queued' || s === 'uploading')).toBe(true);
    const announce = requests.filter((r) => r.method === 'POST');
    const bodies = requests.filter((r) => r.method === 'PUT');
    expect(announce).toHaveLength(1);
    // Names and sizes only: no bytes travel in JSON.
    expect(announce[0]!.length).toBeLessThan(1024);
    expect(bodies).toHaveLength(3);
    expect(bodies.every((b) => b.type === 'application/octet-stream')).toBe(true);

    const stored = await preview.value<DocumentPage>('documents:list', {});
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(stored.items.map((d) => [d.name, d.size, d.sha256]).sort()).toEqual(
      names.map((n, i) => [n, files[i]!.length, digest(files[i]!)]).sort(),
    );
  });
});
