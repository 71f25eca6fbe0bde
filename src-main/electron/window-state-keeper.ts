import { screen, type BrowserWindow } from 'electron';
import type { JsonFileStore } from './json-file-store';
import { isOnScreen, placeWindow, type Rect, type SavedWindowState, type WindowSize } from './window-placement';

/** Moves and resizes come in bursts; the file is written once the burst ends (and always on close). */
const SAVE_DELAY_MS = 500;

/**
 * Restores the window where the person left it — size, position, maximized —
 * and keeps it reachable when monitors change, at launch or while it runs.
 */
export class WindowStateKeeper {
  private readonly saved: SavedWindowState | null;

  constructor(
    private readonly store: JsonFileStore<SavedWindowState | null>,
    private readonly defaultSize: WindowSize,
  ) {
    this.saved = store.read();
  }

  /** The bounds to create the window with. */
  initialBounds(): Rect {
    return placeWindow(this.saved?.bounds ?? null, screen.getAllDisplays(), this.defaultSize);
  }

  /** Applies the maximized state and starts remembering changes. Returns a function that stops it. */
  manage(window: BrowserWindow): () => void {
    if (this.saved?.maximized) window.maximize();
    let timer: NodeJS.Timeout | null = null;
    const saveNow = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (window.isDestroyed()) return;
      try {
        this.store.write({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
      } catch {
        // A preference that could not be saved is not worth an error in front of the person.
      }
    };
    const saveSoon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(saveNow, SAVE_DELAY_MS);
    };
    const keepReachable = () => {
      if (window.isDestroyed()) return;
      const displays = screen.getAllDisplays();
      const bounds = window.getNormalBounds();
      if (!isOnScreen(bounds, displays)) window.setBounds(placeWindow(bounds, displays, this.defaultSize));
    };
    window.on('resize', saveSoon);
    window.on('move', saveSoon);
    window.on('maximize', saveNow);
    window.on('unmaximize', saveNow);
    window.on('close', saveNow);
    screen.on('display-removed', keepReachable);
    screen.on('display-metrics-changed', keepReachable);
    const stop = () => {
      if (timer) clearTimeout(timer);
      screen.off('display-removed', keepReachable);
      screen.off('display-metrics-changed', keepReachable);
    };
    window.once('closed', stop);
    return stop;
  }
}
