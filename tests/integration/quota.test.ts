import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentPage, VaultInfoDto } from '../../src-shared/domain';
import { bytesOf, startTestCore, type TestCore } from '../support/test-core';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

describe('local vault quota', () => {
  it('is optional, persisted, and reported with usage', async () => {
    expect(await t.value('vault:info', {})).toEqual({ usedBytes: 0, quotaBytes: null, documentCount: 0 });
    await t.uploadAndWait(t.defaultFolder.id, [{ kind: 'bytes', name: 'a.txt', bytes: bytesOf('12345') }]);
    expect(await t.value('vault:set-quota', { quotaBytes: 1000 })).toEqual({ usedBytes: 5, quotaBytes: 1000, documentCount: 1 });
    await t.reopen();
    expect((await t.value<VaultInfoDto>('vault:info', {})).quotaBytes).toBe(1000);
    expect(await t.call('vault:set-quota', { quotaBytes: -1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await t.value<VaultInfoDto>('vault:set-quota', { quotaBytes: null })).quotaBytes).toBeNull();
  });

  it('refuses an upload over quota with QUOTA_EXCEEDED and leaves nothing behind', async () => {
    await t.value('vault:set-quota', { quotaBytes: 10_000 });
    const [item] = await t.uploadAndWait(t.defaultFolder.id, [{ kind: 'bytes', name: 'big.bin', bytes: new Uint8Array(10_001) }]);
    expect(item).toMatchObject({ state: 'failed', error: { code: 'QUOTA_EXCEEDED', message: expect.stringContaining('Not enough space') } });
    expect((await t.value<DocumentPage>('documents:list', {})).total).toBe(0);
    expect(await t.objectFiles()).toEqual([]);
    expect(await t.partialFiles()).toEqual([]);
  });

  it('cannot be overshot by parallel uploads: reservations are atomic', async () => {
    await t.value('vault:set-quota', { quotaBytes: 10_000 });
    const items = await t.uploadAndWait(
      t.defaultFolder.id,
      Array.from({ length: 6 }, (_, i) => ({ kind: 'bytes', name: `part-${i}.bin`, bytes: new Uint8Array(3_000).fill(i) })),
    );
    expect(items.filter((i) => i.state === 'done')).toHaveLength(3);
    expect(items.filter((i) => i.error?.code === 'QUOTA_EXCEEDED')).toHaveLength(3);
    const info = await t.value<VaultInfoDto>('vault:info', {});
    expect(info.usedBytes).toBe(9_000);
    expect(await t.objectFiles()).toHaveLength(3);
  });

  it('frees space when documents are deleted', async () => {
    await t.value('vault:set-quota', { quotaBytes: 5_000 });
    const [first] = await t.uploadAndWait(t.defaultFolder.id, [{ kind: 'bytes', name: 'a.bin', bytes: new Uint8Array(4_000) }]);
    const [refused] = await t.uploadAndWait(t.defaultFolder.id, [{ kind: 'bytes', name: 'b.bin', bytes: new Uint8Array(4_000) }]);
    expect(refused!.state).toBe('failed');
    await t.value('documents:delete', { ids: [first!.documentId] });
    const [accepted] = await t.uploadAndWait(t.defaultFolder.id, [{ kind: 'bytes', name: 'b.bin', bytes: new Uint8Array(4_000) }]);
    expect(accepted!.state).toBe('done');
  });
});
