import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { MAX_LISTED_IDS } from '../../src-shared/channel-names';
import type { SortKey } from '../../src-shared/contract';
import type { DocumentDto } from '../../src-shared/domain';
import type { ErrorInfo } from '../../src-shared/errors';
import { useClient } from './api-context';
import { DocumentPageStore } from './document-page-store';
import { useEvent } from './use-event';

export interface DocumentQuery {
  readonly folderId: string;
  readonly search: string;
  readonly sortBy: SortKey;
  readonly sortDir: 'asc' | 'desc';
}

export interface DocumentPages {
  /** Null until the listing answered for the first time. */
  readonly total: number | null;
  readonly error: ErrorInfo | null;
  /** Undefined while that row's page is loading. */
  documentAt(index: number): DocumentDto | undefined;
  findLoaded(id: string): DocumentDto | undefined;
  ensureRange(first: number, last: number): void;
  refresh(): void;
  /** The ids of rows first…last (inclusive), loaded or not, in list order; null when main could not answer. */
  idsBetween(first: number, last: number): Promise<readonly string[] | null>;
}

/**
 * A paged, lazily loaded listing for a virtualised list. While a new query loads
 * (a keystroke in search, another sort) the previous results stay on screen, so
 * the list never flashes empty.
 */
export function useDocumentPages({ folderId, search, sortBy, sortDir }: DocumentQuery): DocumentPages {
  const client = useClient();
  // What documents:list and documents:list-ids share: the same rows in the same order.
  const listing = useMemo(() => ({ folderId, ...(search.trim() ? { search: search.trim() } : {}), sortBy, sortDir }), [folderId, search, sortBy, sortDir]);
  const store = useMemo(
    () => new DocumentPageStore((offset, limit) => client.invoke('documents:list', { ...listing, offset, limit })),
    [client, listing],
  );
  useSyncExternalStore(store.subscribe, store.getVersion);
  const [settled, setSettled] = useState(store);

  useEffect(() => {
    const settleWhenAnswered = () => {
      if (store.total !== null || store.error) setSettled(store);
    };
    const unsubscribe = store.subscribe(settleWhenAnswered);
    store.ensureRange(0, 0);
    settleWhenAnswered();
    return unsubscribe;
  }, [store]);

  useEvent('documents:changed', ({ folderIds }) => {
    // No folder ids means "could be any" (a disconnect, removing all data).
    if (folderIds.length === 0 || folderIds.includes(folderId)) store.refresh();
  });
  // A connection that needs reconnecting (or is back) changes whether rows can be opened.
  useEvent('connections:changed', () => store.refresh());

  const answered = store.total !== null || store.error !== null;
  const shown = answered ? store : settled;
  return {
    total: shown.total,
    error: shown.error,
    documentAt: (index) => shown.documentAt(index),
    findLoaded: (id) => shown.findLoaded(id),
    // Scrolling always asks the newest query, even while older rows are still shown.
    ensureRange: (first, last) => store.ensureRange(first, last),
    refresh: () => store.refresh(),
    idsBetween: async (first, last) => {
      const answer = await client.invoke('documents:list-ids', { ...listing, offset: first, limit: Math.min(MAX_LISTED_IDS, last - first + 1) });
      return answer.ok ? answer.value.ids : null;
    },
  };
}
