import type { SortKey } from '../../../src-shared/contract';
import { ChevronIcon } from '../../ui/icons';
import type { SortState } from './sort';

interface ListHeaderProps {
  readonly sort: SortState;
  readonly onSort: (by: SortKey) => void;
}

function SortableHeader({ label, by, sort, onSort }: { label: string; by: SortKey } & ListHeaderProps) {
  const active = sort.by === by;
  return (
    <div
      role="columnheader"
      className={`grid__cell grid__head-cell grid__cell--${by}`}
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className={active ? 'sort-button sort-button--active' : 'sort-button'} onClick={() => onSort(by)}>
        {label}
        {active && <ChevronIcon direction={sort.dir === 'asc' ? 'up' : 'down'} />}
      </button>
    </div>
  );
}

/** Column headers; Name, Size and Added sort (clicking again reverses). */
export function ListHeader({ sort, onSort }: ListHeaderProps) {
  return (
    <div role="row" className="grid__row grid__row--head" aria-rowindex={1}>
      <SortableHeader label="Name" by="name" sort={sort} onSort={onSort} />
      <SortableHeader label="Size" by="size" sort={sort} onSort={onSort} />
      <div role="columnheader" className="grid__cell grid__head-cell grid__cell--type">
        Type
      </div>
      <SortableHeader label="Added" by="createdAt" sort={sort} onSort={onSort} />
      <div role="columnheader" className="grid__cell grid__head-cell grid__cell--backend">
        Backend
      </div>
    </div>
  );
}
