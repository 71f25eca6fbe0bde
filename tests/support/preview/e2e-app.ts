import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import type { FolderDto } from '../../../src-shared/domain';
import { startTestPreview, type TestPreview } from './test-preview';
import { announceUploads, putUploadBody } from './upload-client';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** vite's output; `npm test` builds it before the e2e project runs. */
export const RENDERER_DIR = join(REPO, 'dist', 'renderer');
/** Screenshots kept as test artifacts (git-ignored). */
export const ARTIFACTS_DIR = join(REPO, 'test-results', 'e2e');

export function requireBuiltRenderer(): string {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`No built renderer in ${RENDERER_DIR}: run \`npm run build:renderer\` (npm test does it) before the e2e tests.`);
  }
  return RENDERER_DIR;
}

/** A preview of the real renderer on a fresh data dir. */
export function startAppPreview(): Promise<TestPreview> {
  return startTestPreview({ rendererDir: requireBuiltRenderer() });
}

export async function artifactPath(name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}

export interface FixtureFile {
  readonly name: string;
  readonly type: string;
  readonly bytes: Buffer;
}

/**
 * Drops files on the window the way the operating system would: File objects in a
 * DataTransfer, dispatched as dragenter → dragover → drop.
 */
export async function dropFiles(page: Page, files: readonly FixtureFile[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((payload) => {
    const transfer = new DataTransfer();
    for (const file of payload) {
      const binary = atob(file.base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
    }
    return transfer;
  }, files.map((f) => ({ name: f.name, type: f.type, base64: f.bytes.toString('base64') })));
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('body', type, { dataTransfer });
  }
  await dataTransfer.dispose();
}

/** Seeds documents through the preview's own upload protocol (faster than the UI, same path to the core). */
export async function seedDocuments(preview: TestPreview, files: readonly FixtureFile[]): Promise<string[]> {
  const folder = (await preview.value<FolderDto[]>('folders:list', {})).find((f) => f.isDefault)!;
  const { refs } = await announceUploads(preview, folder.id, files.map((f) => ({ name: f.name, size: f.bytes.length })));
  const ids: string[] = [];
  for (const [index, ref] of refs.entries()) {
    const { result } = await putUploadBody(preview, ref, files[index]!.bytes);
    if (!result.ok) throw new Error(`seeding ${files[index]!.name} failed: ${result.error.message}`);
    ids.push(result.value.documentId!);
  }
  return ids;
}

export function documentGrid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Documents' });
}

/** Rows that show a document (not the header, not placeholders still loading). */
export function documentRows(page: Page): Locator {
  return documentGrid(page).locator('[role="row"][data-document-id]');
}

export function documentRow(page: Page, id: string): Locator {
  return documentGrid(page).locator(`[role="row"][data-document-id="${id}"]`);
}
