import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, moveTo, selectAt, without } from '../../../src-renderer/features/documents/selection';

const idAt = (i: number) => (i >= 0 && i < 10 ? `d${i}` : undefined);
const plain = { toggle: false, extend: false };

describe('selection', () => {
  it('selects one row on a plain click', () => {
    const s = selectAt(selectAt(EMPTY_SELECTION, 2, plain, idAt), 5, plain, idAt);
    expect([...s.ids]).toEqual(['d5']);
    expect(s.anchor).toBe(5);
    expect(s.focus).toBe(5);
  });

  it('toggles a row with Ctrl/Cmd and keeps the rest', () => {
    let s = selectAt(EMPTY_SELECTION, 1, plain, idAt);
    s = selectAt(s, 4, { toggle: true, extend: false }, idAt);
    expect([...s.ids].sort()).toEqual(['d1', 'd4']);
    s = selectAt(s, 1, { toggle: true, extend: false }, idAt);
    expect([...s.ids]).toEqual(['d4']);
  });

  it('selects the range from the anchor with Shift, in either direction', () => {
    let s = selectAt(EMPTY_SELECTION, 6, plain, idAt);
    s = selectAt(s, 3, { toggle: false, extend: true }, idAt);
    expect([...s.ids].sort()).toEqual(['d3', 'd4', 'd5', 'd6']);
    expect(s.anchor).toBe(6);
    s = selectAt(s, 8, { toggle: false, extend: true }, idAt);
    expect([...s.ids].sort()).toEqual(['d6', 'd7', 'd8']);
  });

  it('adds a range to the selection with Ctrl+Shift', () => {
    let s = selectAt(EMPTY_SELECTION, 0, plain, idAt);
    s = selectAt(s, 5, { toggle: true, extend: false }, idAt);
    s = selectAt(s, 7, { toggle: true, extend: true }, idAt);
    expect([...s.ids].sort()).toEqual(['d0', 'd5', 'd6', 'd7']);
  });

  it('moves within bounds', () => {
    const s = moveTo(selectAt(EMPTY_SELECTION, 9, plain, idAt), 12, 10, false, idAt);
    expect(s.focus).toBe(9);
    expect(moveTo(s, -3, 10, false, idAt).focus).toBe(0);
  });

  it('forgets ids that are gone', () => {
    let s = selectAt(EMPTY_SELECTION, 1, plain, idAt);
    s = selectAt(s, 2, { toggle: true, extend: false }, idAt);
    expect([...without(s, ['d1']).ids]).toEqual(['d2']);
  });
});
