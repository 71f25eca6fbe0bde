/**
 * Row selection as the desktop file managers do it: click selects one, Ctrl/Cmd+click
 * toggles, Shift+click selects the range from the anchor. Ids are what is selected
 * (they survive refreshes); indices only drive focus and ranges.
 */
export interface Selection {
  readonly ids: ReadonlySet<string>;
  /** Where a Shift range starts; null before the first click. */
  readonly anchor: number | null;
  /** The row with keyboard focus. */
  readonly focus: number;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null, focus: 0 };

export interface Modifiers {
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  readonly toggle: boolean;
  readonly extend: boolean;
}

/** Looks up the id shown at an index; undefined while its page is loading. */
export type IdAt = (index: number) => string | undefined;

function range(from: number, to: number, idAt: IdAt): Set<string> {
  const ids = new Set<string>();
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
    const id = idAt(i);
    if (id) ids.add(id);
  }
  return ids;
}

/** Rows not loaded yet have no id here: a range over them holds the loaded ones, and the list completes it (DocumentList). */
export function selectAt(selection: Selection, index: number, modifiers: Modifiers, idAt: IdAt): Selection {
  if (modifiers.extend) {
    const anchor = selection.anchor ?? index;
    const spanned = range(anchor, index, idAt);
    const ids = modifiers.toggle ? new Set([...selection.ids, ...spanned]) : spanned;
    return { ids, anchor, focus: index };
  }
  const id = idAt(index);
  if (!id) return { ...selection, focus: index };
  if (modifiers.toggle) {
    const ids = new Set(selection.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: index, focus: index };
  }
  return { ids: new Set([id]), anchor: index, focus: index };
}

/** Arrow keys: move focus and select the row there (Shift extends from the anchor). */
export function moveTo(selection: Selection, index: number, count: number, extend: boolean, idAt: IdAt): Selection {
  if (count === 0) return selection;
  const target = Math.max(0, Math.min(count - 1, index));
  return selectAt(selection, target, { toggle: false, extend }, idAt);
}

/** Keeps only ids that still exist (after a delete or move). */
export function without(selection: Selection, removed: Iterable<string>): Selection {
  const ids = new Set(selection.ids);
  for (const id of removed) ids.delete(id);
  return { ...selection, ids };
}

export function isSelected(selection: Selection, id: string): boolean {
  return selection.ids.has(id);
}
