import type { SortKey } from '../../../src-shared/contract';

export interface SortState {
  readonly by: SortKey;
  readonly dir: 'asc' | 'desc';
}

export const DEFAULT_SORT: SortState = { by: 'createdAt', dir: 'desc' };

/** A first click sorts the way people usually want that column: names A→Z, biggest and newest first. */
const FIRST_DIRECTION: Record<SortKey, SortState['dir']> = { name: 'asc', size: 'desc', createdAt: 'desc' };

export function nextSort(current: SortState, by: SortKey): SortState {
  if (current.by === by) return { by, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { by, dir: FIRST_DIRECTION[by] };
}
