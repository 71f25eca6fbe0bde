import { describe, expect, it } from 'vitest';
import { isOnScreen, placeWindow, type DisplayArea } from '../../../src-main/electron/window-placement';

const size = { width: 1200, height: 800 };
const laptop: DisplayArea = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const monitorRight: DisplayArea = { workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };
const monitorLeft: DisplayArea = { workArea: { x: -1920, y: 0, width: 1920, height: 1040 } };

describe('placing the window', () => {
  it('centres a first window on the primary monitor', () => {
    expect(placeWindow(null, [laptop, monitorRight], size)).toEqual({ x: 120, y: 63, width: 1200, height: 800 });
  });

  it('puts it back exactly where it was when that place is still on a monitor', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 900 };
    expect(placeWindow(saved, [laptop, monitorRight], size)).toEqual(saved);
    expect(placeWindow({ x: -1800, y: 40, width: 1000, height: 700 }, [laptop, monitorLeft], size)).toEqual({ x: -1800, y: 40, width: 1000, height: 700 });
  });

  it('brings it back to the primary monitor when its monitor was unplugged', () => {
    const onTheMissingMonitor = { x: 1600, y: 100, width: 1400, height: 900 };
    const placed = placeWindow(onTheMissingMonitor, [laptop], size);
    expect(placed).toEqual({ x: 20, y: 25, width: 1400, height: 875 });
    expect(isOnScreen(placed, [laptop])).toBe(true);
  });

  it('shrinks and nudges a window larger than its monitor, or hanging off its edge, to fit', () => {
    expect(placeWindow({ x: 1000, y: 500, width: 1200, height: 800 }, [laptop], size)).toEqual({ x: 240, y: 100, width: 1200, height: 800 });
    expect(placeWindow({ x: 0, y: 25, width: 3000, height: 2000 }, [laptop], size)).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });

  it('does not count a window whose title bar is above the screen as reachable', () => {
    const titleBarHidden = { x: 100, y: -700, width: 1200, height: 800 };
    expect(isOnScreen(titleBarHidden, [laptop])).toBe(false);
    expect(placeWindow(titleBarHidden, [laptop], size).y).toBeGreaterThanOrEqual(25);
  });

  it('keeps a window spanning two monitors on the one that shows most of it', () => {
    const spanning = { x: 1000, y: 100, width: 1200, height: 700 };
    expect(placeWindow(spanning, [laptop, monitorRight], size)).toEqual({ x: 1440, y: 100, width: 1200, height: 700 });
  });
});
