import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../src-shared/contract';
import type { DocumentPage } from '../../src-shared/domain';
import { startTestCore, type TestCore } from '../support/test-core';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

describe('files handed to the app by the operating system', () => {
  it('are offered to the window by name only, and uploaded where the person says', async () => {
    const path = join(t.dataDir, 'opened-with.pdf');
    await writeFile(path, '%PDF-1.4\n');
    const offerId = t.core.offeredFiles.offer([path])!;
    const offered = t.events.find((e) => e.event === 'files:offered')!.payload as EventMap['files:offered'];
    expect(offered).toEqual({ offerId, names: ['opened-with.pdf'] });
    // A window that started listening later still finds it.
    expect(await t.value('documents:pending-offered-files', {})).toEqual([{ offerId, names: ['opened-with.pdf'] }]);
    expect(JSON.stringify(offered)).not.toContain(t.dataDir);
    await t.value('documents:accept-offered-files', { offerId, folderId: t.defaultFolder.id });
    await t.core.uploads.idle();
    expect((await t.value<DocumentPage>('documents:list', {})).items.map((d) => d.name)).toEqual(['opened-with.pdf']);
    // An offer is used once.
    expect(await t.call('documents:accept-offered-files', { offerId, folderId: t.defaultFolder.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('can be declined, and an unknown offer is NOT_FOUND', async () => {
    const offerId = t.core.offeredFiles.offer([join(t.dataDir, 'x.txt')])!;
    expect(await t.value('documents:decline-offered-files', { offerId })).toEqual({ declined: true });
    expect(await t.call('documents:accept-offered-files', { offerId, folderId: t.defaultFolder.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(t.core.offeredFiles.offer([])).toBeNull();
  });
});
