import { z } from 'zod';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const RectSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });

export const SavedWindowStateSchema = z.object({ bounds: RectSchema, maximized: z.boolean() });
export type SavedWindowState = z.infer<typeof SavedWindowStateSchema>;

export interface DisplayArea {
  /** The part of the monitor windows may use (no menu bar, dock or taskbar). */
  readonly workArea: Rect;
}

export interface WindowSize {
  readonly width: number;
  readonly height: number;
}

/** A window needs at least this much of itself on a monitor (its title bar, in practice) to count as reachable. */
const MIN_VISIBLE = { width: 120, height: 60 } as const;

function intersection(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function isReachableOn(bounds: Rect, area: Rect): boolean {
  // The top strip is where the title bar is: a window whose title bar is off-screen cannot be dragged back.
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(bounds.height, MIN_VISIBLE.height) };
  const visible = intersection(titleBar, area);
  return visible.width >= Math.min(MIN_VISIBLE.width, bounds.width) && visible.height >= Math.min(MIN_VISIBLE.height, bounds.height) / 2;
}

function fitInside(bounds: Rect, area: Rect): Rect {
  const width = Math.min(bounds.width, area.width);
  const height = Math.min(bounds.height, area.height);
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

function centredOn(size: WindowSize, area: Rect): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/**
 * Where to put a window whose last bounds were `saved`, on the monitors there
 * are now. On a monitor that still shows its title bar, it stays (shrunk and
 * nudged to fit that monitor); when that monitor is gone or moved away, it is
 * centred on the primary one (`displays[0]`) at its saved size. Never off-screen.
 */
export function placeWindow(saved: Rect | null, displays: readonly DisplayArea[], defaultSize: WindowSize): Rect {
  const primary = displays[0]?.workArea ?? { x: 0, y: 0, width: defaultSize.width, height: defaultSize.height };
  if (!saved) return centredOn(defaultSize, primary);
  const area = (rect: { width: number; height: number }) => rect.width * rect.height;
  const homes = displays.filter((display) => isReachableOn(saved, display.workArea));
  // Spanning two monitors, it belongs to the one that shows most of it.
  const home = homes.sort((a, b) => area(intersection(saved, b.workArea)) - area(intersection(saved, a.workArea)))[0];
  return home ? fitInside(saved, home.workArea) : centredOn(saved, primary);
}

/** Whether a window at `bounds` can still be reached on these monitors. */
export function isOnScreen(bounds: Rect, displays: readonly DisplayArea[]): boolean {
  return displays.some((display) => isReachableOn(bounds, display.workArea));
}
