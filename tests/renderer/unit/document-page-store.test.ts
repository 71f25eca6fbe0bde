import { describe, expect, it } from 'vitest';
import { DocumentPageStore, type LoadPage } from '../../../src-renderer/api/document-page-store';
import type { DocumentDto, DocumentPage } from '../../../src-shared/domain';
import { fail, ok, type Result } from '../../../src-shared/result';

function doc(n: number, tag = ''): DocumentDto {
  return { id: `id-${n}`, name: `doc ${n}${tag}` } as DocumentDto;
}

/** A loader whose answers the test releases by hand, to order them. */
function manualLoader(total: number) {
  const pending: { offset: number; limit: number; resolve: (r: Result<DocumentPage>) => void }[] = [];
  const load: LoadPage = (offset, limit) => new Promise((resolve) => pending.push({ offset, limit, resolve }));
  const answer = (index: number, tag = '') => {
    const request = pending[index]!;
    const items = Array.from({ length: Math.max(0, Math.min(request.limit, total - request.offset)) }, (_, i) => doc(request.offset + i, tag));
    request.resolve(ok({ items, total, offset: request.offset }));
  };
  return { load, pending, answer };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DocumentPageStore', () => {
  it('fetches only the pages covering the rows asked for, each once', async () => {
    const loader = manualLoader(1000);
    const store = new DocumentPageStore(loader.load, 100);
    store.ensureRange(0, 0);
    expect(loader.pending.map((p) => p.offset)).toEqual([0]);
    loader.answer(0);
    await flush();
    expect(store.total).toBe(1000);
    expect(store.documentAt(5)?.name).toBe('doc 5');
    expect(store.documentAt(150)).toBeUndefined();

    store.ensureRange(90, 210);
    store.ensureRange(95, 205);
    expect(loader.pending.map((p) => p.offset)).toEqual([0, 100, 200]);
  });

  it('never asks beyond the last page once the total is known', async () => {
    const loader = manualLoader(150);
    const store = new DocumentPageStore(loader.load, 100);
    store.ensureRange(0, 0);
    loader.answer(0);
    await flush();
    store.ensureRange(0, 5000);
    expect(loader.pending.map((p) => p.offset)).toEqual([0, 100]);
  });

  it('keeps showing the old rows during a refresh and refetches only what is in view', async () => {
    const loader = manualLoader(1000);
    const store = new DocumentPageStore(loader.load, 100);
    store.ensureRange(0, 0);
    loader.answer(0);
    await flush();
    store.ensureRange(150, 160);
    loader.answer(1);
    await flush();

    store.refresh();
    expect(loader.pending.map((p) => p.offset)).toEqual([0, 100, 100]);
    expect(store.documentAt(155)?.name).toBe('doc 155');
    loader.answer(2, ' (new)');
    await flush();
    expect(store.documentAt(155)?.name).toBe('doc 155 (new)');
    // Page 0 is stale but out of view: fetched again only when asked for.
    store.ensureRange(0, 10);
    expect(loader.pending.map((p) => p.offset)).toEqual([0, 100, 100, 0]);
  });

  it('lets an answer from before a refresh fill a gap but never replace a newer one', async () => {
    const loader = manualLoader(1000);
    const store = new DocumentPageStore(loader.load, 100);
    store.ensureRange(0, 0);
    store.refresh();
    loader.answer(1, ' (new)');
    await flush();
    loader.answer(0, ' (old)');
    await flush();
    expect(store.documentAt(0)?.name).toBe('doc 0 (new)');
  });

  it('reports a failed listing and recovers on refresh', async () => {
    let fails = true;
    const store = new DocumentPageStore(async (offset) =>
      fails ? fail('BACKEND_UNAVAILABLE', 'Storage is offline.') : ok({ items: [doc(offset)], total: 1, offset }),
    );
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.getVersion()));
    store.ensureRange(0, 0);
    await flush();
    expect(store.error?.message).toBe('Storage is offline.');
    expect(store.total).toBeNull();
    fails = false;
    store.refresh();
    await flush();
    expect(store.error).toBeNull();
    expect(store.total).toBe(1);
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });

  it('finds a loaded row by id', async () => {
    const loader = manualLoader(10);
    const store = new DocumentPageStore(loader.load, 100);
    store.ensureRange(0, 0);
    loader.answer(0);
    await flush();
    expect(store.findLoaded('id-7')?.name).toBe('doc 7');
    expect(store.findLoaded('id-70')).toBeUndefined();
  });
});
