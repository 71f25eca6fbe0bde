import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, type DragEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { SortKey } from '../../../src-shared/contract';
import type { DocumentDto } from '../../../src-shared/domain';
import type { DocumentPages } from '../../api';
import { writeDraggedDocuments } from '../common/document-drag';
import { DocumentRow, type RowHandlers } from './DocumentRow';
import { ListHeader } from './ListHeader';
import { moveTo, selectAt, type IdAt, type Selection } from './selection';
import type { SortState } from './sort';
import './documents.css';

export const ROW_HEIGHT = 36;

export interface DocumentListProps {
  readonly pages: DocumentPages;
  readonly selection: Selection;
  readonly onSelectionChange: (next: Selection) => void;
  readonly sort: SortState;
  readonly onSort: (by: SortKey) => void;
  readonly renamingId: string | null;
  readonly onRenameStart: (document: DocumentDto) => void;
  readonly onRenameCommit: (document: DocumentDto, name: string) => Promise<boolean>;
  readonly onRenameCancel: () => void;
  readonly onOpen: (document: DocumentDto, index: number) => void;
  /** The person asked to delete these (confirmation happens upstream). */
  readonly onDelete: (ids: string[]) => void;
  readonly onMenu: (document: DocumentDto, index: number, ids: string[], x: number, y: number) => void;
  /** Shown instead of rows when the listing is empty. */
  readonly empty: ReactNode;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The document grid. Only the rows in view (plus a few) exist in the DOM; their
 * pages are fetched as they scroll into view, and `total` sizes the scroll area,
 * so 100,000 documents scroll like 100.
 */
export function DocumentList(props: DocumentListProps) {
  const { pages, selection, onSelectionChange, renamingId } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);
  const total = pages.total ?? 0;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read only during render here.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // React 19 warns when the virtualizer flushes synchronously from a layout effect; scrolling stays smooth without it.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (total > 0) pages.ensureRange(first, last);
  }, [pages, first, last, total]);

  // Whether keyboard focus was in the grid; a row that vanishes under it (deleted, renamed, refreshed) hands focus on.
  const hadFocus = useRef(false);

  // Keyboard moves focus to rows that may not exist yet; focus them once rendered.
  useEffect(() => {
    let index = pendingFocus.current;
    const focusLost = document.activeElement === null || document.activeElement === document.body;
    if (index === null && hadFocus.current && focusLost && total > 0) index = Math.min(selection.focus, total - 1);
    if (index === null) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  const idAt: IdAt = (index) => pages.documentAt(index)?.id;

  // The selection this list asked for last: an answer about rows never loaded only completes that one.
  const requested = useRef<Selection | null>(null);
  const change = (next: Selection) => {
    requested.current = next;
    onSelectionChange(next);
  };

  /**
   * A selection spanning rows first…last, some of which may never have been
   * loaded (Shift+click far down, Shift+End, Select all): shown at once with
   * the rows at hand, then completed with the ids main lists for the span.
   */
  const changeSpanning = (next: Selection, first: number, last: number, alsoKeep: ReadonlySet<string>) => {
    change(next);
    const from = Math.min(first, last);
    const to = Math.max(first, last);
    let loaded = true;
    for (let i = from; i <= to && loaded; i++) loaded = idAt(i) !== undefined;
    if (loaded) return;
    void pages.idsBetween(from, to).then((ids) => {
      if (!ids || requested.current !== next) return;
      change({ ...next, ids: new Set([...alsoKeep, ...ids]) });
    });
  };

  /**
   * A click or key at `index`. Extending (Shift) selects from the anchor to
   * there, loaded or not, and is applied here; anything else is returned for
   * the caller to apply.
   */
  const select = (index: number, modifiers: { toggle: boolean; extend: boolean }): Selection | null => {
    const next = selectAt(selection, index, modifiers, idAt);
    if (!modifiers.extend) return next;
    changeSpanning(next, next.anchor ?? index, index, modifiers.toggle ? selection.ids : new Set());
    return null;
  };

  const focusRow = (next: Selection | null, index = next?.focus ?? selection.focus) => {
    pendingFocus.current = index;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    if (next) change(next);
  };

  const selectAll = () => {
    if (total === 0) return;
    const loaded = new Set<string>();
    for (let i = 0; i < total; i++) {
      const id = idAt(i);
      if (id) loaded.add(id);
    }
    changeSpanning({ ids: loaded, anchor: 0, focus: selection.focus }, 0, total - 1, new Set());
  };

  const selectedIdsFor = (document: DocumentDto): string[] =>
    selection.ids.has(document.id) ? [...selection.ids] : [document.id];

  const current: RowHandlers = {
    onRowClick: (index: number, event: MouseEvent<HTMLDivElement>) => {
      const next = select(index, { toggle: isMac ? event.metaKey : event.ctrlKey, extend: event.shiftKey });
      if (next) change(next);
    },
    onRowOpen: (index, document) => props.onOpen(document, index),
    onRowMenu: (index, document, x, y) => {
      if (!selection.ids.has(document.id)) change(selectAt(selection, index, { toggle: false, extend: false }, idAt));
      props.onMenu(document, index, selectedIdsFor(document), x, y);
    },
    onRowDragStart: (index: number, document: DocumentDto, event: DragEvent<HTMLDivElement>) => {
      if (!selection.ids.has(document.id)) change(selectAt(selection, index, { toggle: false, extend: false }, idAt));
      writeDraggedDocuments(event.dataTransfer, selectedIdsFor(document));
    },
    onRenameCommit: props.onRenameCommit,
    onRenameCancel: () => {
      pendingFocus.current = selection.focus;
      props.onRenameCancel();
    },
  };
  // Rows get one stable set of handlers that forwards to the latest closures, so a row
  // re-renders only when its own data changes, not on every scroll frame.
  const latest = useRef(current);
  useLayoutEffect(() => {
    latest.current = current;
  });
  const handlers = useMemo<RowHandlers>(
    () => ({
      onRowClick: (...args) => latest.current.onRowClick(...args),
      onRowOpen: (...args) => latest.current.onRowOpen(...args),
      onRowMenu: (...args) => latest.current.onRowMenu(...args),
      onRowDragStart: (...args) => latest.current.onRowDragStart(...args),
      onRenameCommit: (...args) => latest.current.onRenameCommit(...args),
      onRenameCancel: () => latest.current.onRenameCancel(),
    }),
    [],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLInputElement) return;
    const focused = pages.documentAt(selection.focus);
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const move = (to: number) => {
      if (total === 0) return;
      const index = Math.max(0, Math.min(total - 1, to));
      focusRow(event.shiftKey ? select(index, { toggle: false, extend: true }) : moveTo(selection, index, total, false, idAt), index);
    };
    const command = isMac ? event.metaKey : event.ctrlKey;
    switch (event.key) {
      case 'ArrowDown':
        move(selection.anchor === null && selection.ids.size === 0 ? selection.focus : selection.focus + 1);
        break;
      case 'ArrowUp':
        move(selection.focus - 1);
        break;
      case 'PageDown':
        move(selection.focus + page);
        break;
      case 'PageUp':
        move(selection.focus - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(total - 1);
        break;
      case 'Enter':
        if (!focused) return;
        props.onOpen(focused, selection.focus);
        break;
      case ' ':
        focusRow(select(selection.focus, { toggle: command, extend: event.shiftKey }));
        break;
      case 'a':
      case 'A':
        if (!command || event.shiftKey || event.altKey) return;
        selectAll();
        break;
      case 'Delete':
      case 'Backspace':
        if (event.key === 'Backspace' && !(isMac && event.metaKey)) return;
        if (selection.ids.size > 0) props.onDelete([...selection.ids]);
        else if (focused) props.onDelete([focused.id]);
        else return;
        break;
      case 'Escape':
        if (selection.ids.size === 0) return;
        change({ ...selection, ids: new Set(), anchor: null });
        break;
      case 'F2':
        if (!focused) return;
        props.onRenameStart(focused);
        break;
      case 'ContextMenu':
      case 'F10': {
        if (event.key === 'F10' && !event.shiftKey) return;
        if (!focused) return;
        const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${selection.focus}"]`);
        const box = row?.getBoundingClientRect();
        current.onRowMenu(selection.focus, focused, (box?.left ?? 0) + 40, box?.bottom ?? 0);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  // The focused row is the grid's single tab stop; if it is scrolled away, the first row in view is.
  const renderedFocus = items.some((item) => item.index === selection.focus);
  const tabStop = renderedFocus ? selection.focus : first;

  return (
    <div className="document-list">
      <div
        className="grid"
        role="grid"
        aria-label="Documents"
        aria-rowcount={total + 1}
        aria-colcount={5}
        aria-multiselectable="true"
        onKeyDown={onKeyDown}
        onFocus={() => {
          hadFocus.current = true;
        }}
        onBlur={(event) => {
          const left = event.target;
          const to = event.relatedTarget;
          if (to instanceof Node && event.currentTarget.contains(to)) return;
          // A removed row blurs while leaving the document; a click elsewhere leaves it in place.
          queueMicrotask(() => {
            if (left.isConnected) hadFocus.current = false;
          });
        }}
      >
        <div role="rowgroup" className="grid__head">
          <ListHeader sort={props.sort} onSort={props.onSort} />
        </div>
        <div role="rowgroup" className="grid__body" ref={scroller}>
          <div role="presentation" className="grid__spacer" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const document = pages.documentAt(item.index);
              return (
                <DocumentRow
                  key={document?.id ?? `loading-${item.index}`}
                  index={item.index}
                  top={item.start}
                  document={document}
                  selected={!!document && selection.ids.has(document.id)}
                  tabbable={item.index === tabStop}
                  renaming={!!document && document.id === renamingId}
                  handlers={handlers}
                />
              );
            })}
          </div>
        </div>
      </div>
      {pages.total === 0 && <div className="document-list__empty">{props.empty}</div>}
      {pages.total === null && !pages.error && (
        <div className="document-list__empty">
          <p className="list-loading" role="status">
            Loading documents…
          </p>
        </div>
      )}
    </div>
  );
}
