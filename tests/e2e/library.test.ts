import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentPage } from '../../src-shared/domain';
import { minimalPdf } from '../support/fixtures/minimal-pdf';
import { tinyPng } from '../support/fixtures/tiny-png';
import { launchChromium, openPreview } from '../support/preview/chromium';
import {
  artifactPath,
  documentGrid,
  documentRow,
  documentRows,
  dropFiles,
  seedDocuments,
  startAppPreview,
  type FixtureFile,
} from '../support/preview/e2e-app';
import type { TestPreview } from '../support/preview/test-preview';
import { makeTempDir } from '../support/temp-dir';

const PDF: FixtureFile = { name: 'statement.pdf', type: 'application/pdf', bytes: minimalPdf() };
const PNG: FixtureFile = { name: 'receipt.png', type: 'image/png', bytes: tinyPng(24, 16) };
const HOSTILE_NAME = '../../evil<>:"|?*.txt';
/** vitest's expect.poll gives up after 1 s by default: too short for a UI on a busy two-core machine. */
const eventually = <T>(read: () => Promise<T> | T, timeout = 15_000) => expect.poll(read, { timeout });

const TEXT: FixtureFile = { name: HOSTILE_NAME, type: 'text/plain', bytes: Buffer.from('A note with a hostile name.\n') };

/** The end-to-end suite: the real renderer in Debian's Chromium, through the preview, on the real core. */
describe('DocuVault in the browser preview', () => {
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
    preview = await startAppPreview();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  });
  afterEach(async () => {
    await context?.close();
    await preview?.close();
  });

  const listed = () => preview.value<DocumentPage>('documents:list', { sortBy: 'name', sortDir: 'asc' });

  it('lists dropped files with their sizes and shows a PDF and an image in the viewer', async () => {
    page = await openPreview(context, preview.server.url);
    await eventually(() => page.getByText('Drag documents here').isVisible()).toBe(true);
    await eventually(() => page.locator('nav[aria-label="Folders"] [aria-current="true"]').innerText()).toContain('My Vault');

    await dropFiles(page, [PDF, PNG, TEXT]);
    await eventually(() => documentRows(page).count()).toBe(3);

    const { items } = await listed();
    const byName = new Map(items.map((d) => [d.name, d]));
    for (const fixture of [PDF, PNG, TEXT]) {
      const stored = byName.get(fixture.name);
      expect(stored, fixture.name).toBeDefined();
      expect(stored!.size).toBe(fixture.bytes.length);
      const cells = documentRow(page, stored!.id).getByRole('gridcell');
      await eventually(() => cells.nth(0).innerText()).toContain(fixture.name);
      // Every fixture is under 1,000 bytes: shown as an exact byte count.
      expect(fixture.bytes.length).toBeLessThan(1000);
      expect((await cells.nth(1).innerText()).trim()).toBe(`${fixture.bytes.length} B`);
    }
    await page.screenshot({ path: await artifactPath('library.png') });

    // The PDF: its first page is drawn (pdf.js is loaded now, not at start).
    await documentRow(page, byName.get(PDF.name)!.id).dblclick();
    const pdfViewer = page.getByRole('dialog', { name: `Viewer: ${PDF.name}` });
    await pdfViewer.waitFor();
    const canvas = pdfViewer.locator('canvas[data-testid="pdf-page"][data-rendered="true"]');
    await canvas.waitFor({ timeout: 30_000 });
    // The page paints a blue rectangle across its upper half: the canvas holds real pixels.
    const pixel = await canvas.evaluate((element) => {
      const c = element as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(Math.floor(c.width * 0.475), Math.floor(c.height * 0.25), 1, 1).data;
      return [data[0]!, data[1]!, data[2]!];
    });
    expect(pixel[2]).toBeGreaterThan(150);
    expect(pixel[0]).toBeLessThan(100);
    await page.screenshot({ path: await artifactPath('viewer-pdf.png') });
    await pdfViewer.getByRole('button', { name: 'Close viewer' }).click();
    await pdfViewer.waitFor({ state: 'detached' });

    // The image: decoded at its real size from /content/<id>.
    await documentRow(page, byName.get(PNG.name)!.id).dblclick();
    const imageViewer = page.getByRole('dialog', { name: `Viewer: ${PNG.name}` });
    const image = imageViewer.getByRole('img', { name: PNG.name });
    await image.waitFor();
    await eventually(() => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBe(24);
    await page.screenshot({ path: await artifactPath('viewer-image.png') });
    await imageViewer.getByRole('button', { name: 'Close viewer' }).click();
    await imageViewer.waitFor({ state: 'detached' });

    // The hostile name is only a name: shown as text, the file is intact.
    await documentRow(page, byName.get(TEXT.name)!.id).dblclick();
    const textViewer = page.getByRole('dialog', { name: `Viewer: ${TEXT.name}` });
    await eventually(() => textViewer.getByTestId('text-preview').innerText()).toContain('A note with a hostile name.');
  });

  it('deletes a document, and it stays gone after a reload', async () => {
    const [keepId, deleteId] = await seedDocuments(preview, [PNG, PDF]);
    page = await openPreview(context, preview.server.url);
    await eventually(() => documentRows(page).count()).toBe(2);

    await documentRow(page, deleteId!).click();
    await eventually(() => documentRow(page, deleteId!).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await eventually(() => documentRow(page, deleteId!).count()).toBe(0);

    await page.reload();
    await eventually(() => documentRows(page).count()).toBe(1);
    expect(await documentRow(page, keepId!).count()).toBe(1);
    expect(await documentRow(page, deleteId!).count()).toBe(0);
    expect((await listed()).items.map((d) => d.id)).toEqual([keepId]);
  });

  it('streams a 50 MB file with a moving progress bar', async () => {
    const temp = await makeTempDir('docuvault-e2e-big-');
    try {
      const size = 50 * 1024 * 1024;
      const path = join(temp.path, 'big-scan.bin');
      const block = randomBytes(1024 * 1024);
      await pipeline(Readable.from((function* () { for (let i = 0; i < size / block.length; i++) yield block; })()), createWriteStream(path));

      page = await openPreview(context, preview.server.url);
      await eventually(() => page.getByText('Drag documents here').isVisible()).toBe(true);
      // Loopback is too fast for a person (or a test) to see progress; throttle the upload to ~25 MB/s.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 25 * 1024 * 1024 });

      // Record every value the bar takes, so a brief intermediate state cannot be missed.
      await page.evaluate(() => {
        const seen: number[] = [];
        (window as unknown as { progressSeen: number[] }).progressSeen = seen;
        new MutationObserver(() => {
          const bar = document.querySelector('[role="progressbar"][aria-label="Upload progress for big-scan.bin"]');
          const value = bar?.getAttribute('aria-valuenow');
          if (value !== null && value !== undefined && seen[seen.length - 1] !== Number(value)) seen.push(Number(value));
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
      });
      // The file comes from disk as a File the browser streams (the picker the preview falls back to).
      await page.setInputFiles('input[type="file"][aria-label="Choose files to upload"]', path);

      const bar = page.getByRole('progressbar', { name: 'Upload progress for big-scan.bin' });
      await bar.waitFor();
      await eventually(() => bar.getAttribute('aria-valuenow'), 60_000).toBe('100');
      const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
      expect(seen.some((v) => v > 0 && v < 100), `values seen: ${seen.join(', ')}`).toBe(true);
      expect(seen[seen.length - 1]).toBe(100);

      // All bytes sent is not yet stored: the row is listed once the upload is verified and committed.
      await eventually(async () => (await listed()).items.map((d) => [d.name, d.size])).toEqual([['big-scan.bin', size]]);
      const { items } = await listed();
      await eventually(() => documentRow(page, items[0]!.id).getByRole('gridcell').nth(1).innerText()).toBe('52.4 MB');
    } finally {
      await temp.remove();
    }
  });

  it('shows the quota error for an upload over the vault quota and lists nothing', async () => {
    await preview.value('vault:set-quota', { quotaBytes: 100_000 });
    page = await openPreview(context, preview.server.url);
    await eventually(() => page.getByText('Drag documents here').isVisible()).toBe(true);

    await dropFiles(page, [{ name: 'too-large.bin', type: 'application/octet-stream', bytes: randomBytes(150_000) }]);
    const alert = page.getByRole('alert').filter({ hasText: /not enough space/i });
    await alert.first().waitFor({ timeout: 15_000 });
    expect(await alert.first().innerText()).toMatch(/Not enough space left in your vault/);

    expect((await listed()).total).toBe(0);
    expect(await documentRows(page).count()).toBe(0);
    await page.reload();
    await eventually(() => page.getByText('Drag documents here').isVisible()).toBe(true);
    expect(await documentRows(page).count()).toBe(0);
  });

  it('refuses a browser that does not carry the token', async () => {
    page = await context.newPage();
    const response = await page.goto(`${preview.server.origin}/`);
    expect(response?.status()).toBe(401);
    expect(await documentGrid(page).count()).toBe(0);
    const asset = await page.goto(`${preview.server.origin}/__docuvault/bridge.js`);
    expect(asset?.status()).toBe(401);
    const wrong = await page.goto(`${preview.server.origin}/?token=not-the-token`);
    expect(wrong?.status()).toBe(403);
  });
});
