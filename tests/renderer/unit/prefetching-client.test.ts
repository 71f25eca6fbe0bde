import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src-renderer/api/client';
import { prefetchInitialView } from '../../../src-renderer/api/initial-view';
import { PREFETCH_MAX_AGE_MS, requestKey, withPrefetch } from '../../../src-renderer/api/prefetching-client';
import { PAGE_SIZE } from '../../../src-renderer/api/document-page-store';
import { fail } from '../../../src-shared/result';
import { FakeBridge } from '../support/fake-bridge';

const LIST = { sortBy: 'createdAt', sortDir: 'desc', offset: 0, limit: 10 } as const;

function prefetching(fake = new FakeBridge(), now = () => 0) {
  return { fake, client: withPrefetch(createClient(fake), now) };
}

describe('withPrefetch', () => {
  it('hands a prefetched answer to the first identical invoke, whatever the order of the input’s keys, and only once', async () => {
    const { fake, client } = prefetching();
    fake.addDocument({ name: 'a.pdf' });
    const early = client.prefetch('documents:list', { folderId: fake.defaultFolderId, ...LIST });
    const taken = client.invoke('documents:list', { limit: 10, offset: 0, sortDir: 'desc', sortBy: 'createdAt', folderId: fake.defaultFolderId });
    expect(taken).toBe(early);
    expect((await taken).ok && (await taken).ok).toBe(true);
    expect(fake.callsTo('documents:list')).toHaveLength(1);

    await client.invoke('documents:list', { folderId: fake.defaultFolderId, ...LIST });
    expect(fake.callsTo('documents:list')).toHaveLength(2);
  });

  it('asks main for anything else', async () => {
    const { fake, client } = prefetching();
    void client.prefetch('documents:list', { folderId: fake.defaultFolderId, ...LIST });
    await client.invoke('documents:list', { folderId: fake.defaultFolderId, ...LIST, sortDir: 'asc' });
    await client.invoke('folders:list', {});
    expect(fake.callsTo('documents:list')).toHaveLength(2);
    expect(fake.callsTo('folders:list')).toHaveLength(1);
    expect(requestKey('documents:list', { b: 1, a: { d: 2, c: 3 } })).toBe(requestKey('documents:list', { a: { c: 3, d: 2 }, b: 1 }));
  });

  it('drops what it kept when main says folders, documents or connections changed', async () => {
    for (const event of ['folders:changed', 'documents:changed', 'connections:changed'] as const) {
      const { fake, client } = prefetching();
      await client.prefetch('folders:list', {});
      fake.emit(event, event === 'documents:changed' ? { folderIds: [] } : {});
      await client.invoke('folders:list', {});
      expect(fake.callsTo('folders:list'), event).toHaveLength(2);
    }
  });

  it('does not serve a failed answer, nor one kept too long', async () => {
    const { fake, client } = prefetching();
    fake.overrides['folders:list'] = () => fail('INTERNAL', 'Busy.');
    await client.prefetch('folders:list', {});
    delete fake.overrides['folders:list'];
    expect(await client.invoke('folders:list', {})).toMatchObject({ ok: true });
    expect(fake.callsTo('folders:list')).toHaveLength(2);

    let now = 1_000;
    const late = prefetching(new FakeBridge(), () => now);
    await late.client.prefetch('folders:list', {});
    now += PREFETCH_MAX_AGE_MS + 1;
    await late.client.invoke('folders:list', {});
    expect(late.fake.callsTo('folders:list')).toHaveLength(2);
  });

  it('follows main’s events from its first prefetch on, once', async () => {
    const { fake, client } = prefetching();
    expect(fake.listenerCount('documents:changed')).toBe(0);
    await client.prefetch('folders:list', {});
    await client.prefetch('documents:list', { folderId: fake.defaultFolderId, ...LIST });
    await client.invoke('folders:list', {});
    expect(fake.listenerCount('folders:changed')).toBe(1);
    expect(fake.listenerCount('documents:changed')).toBe(1);
    expect(fake.listenerCount('connections:changed')).toBe(1);
  });
});

describe('prefetchInitialView', () => {
  it('asks for the folders at once, and for the built-in vault’s first page as soon as they answer', async () => {
    const fake = new FakeBridge();
    const other = fake.addFolder('Taxes');
    const { client } = prefetching(fake);
    prefetchInitialView(client, { sortBy: 'createdAt', sortDir: 'desc' });
    expect(fake.calls.map((c) => c.channel)).toEqual(['folders:list']);
    await client.invoke('folders:list', {});
    // The documents went out in the folders' own answer, before anyone asked.
    expect(fake.callsTo('documents:list')).toEqual([{ folderId: fake.defaultFolderId, sortBy: 'createdAt', sortDir: 'desc', offset: 0, limit: PAGE_SIZE }]);
    expect(fake.callsTo('documents:list').some((input) => input.folderId === other.id)).toBe(false);
    expect(fake.callsTo('folders:list')).toHaveLength(1);
  });

  it('asks for no documents when the folders could not be listed', async () => {
    const fake = new FakeBridge();
    fake.overrides['folders:list'] = () => fail('INTERNAL', 'DocuVault could not open its database.');
    const { client } = prefetching(fake);
    prefetchInitialView(client, { sortBy: 'createdAt', sortDir: 'desc' });
    await client.invoke('folders:list', {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.callsTo('documents:list')).toHaveLength(0);
  });
});
