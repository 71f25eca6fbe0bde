import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../../src-main/core/ports';
import { createAppWindow, DEFAULT_WINDOW_SIZE } from '../../../src-main/electron/app-window';
import { JsonFileStore } from '../../../src-main/electron/json-file-store';
import { SavedWindowStateSchema, type SavedWindowState } from '../../../src-main/electron/window-placement';
import { WindowStateKeeper } from '../../../src-main/electron/window-state-keeper';
import { BrowserWindow, display, resetElectronDouble, screen } from '../../support/electron-double';

let dir: string;
let file: string;

beforeEach(async () => {
  resetElectronDouble();
  dir = await mkdtemp(join(tmpdir(), 'docuvault-window-'));
  file = join(dir, 'window-state.json');
});

afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

const store = () => new JsonFileStore<SavedWindowState | null>(file, SavedWindowStateSchema.nullable(), null);

/** One launch: the keeper reads the file, the window opens where it says. */
function launch() {
  const keeper = new WindowStateKeeper(store(), DEFAULT_WINDOW_SIZE);
  keeper.manage(createAppWindow({ preloadPath: '/p.cjs', logger: silentLogger, bounds: keeper.initialBounds() }));
  return BrowserWindow.instances.at(-1)!;
}

async function saved(): Promise<SavedWindowState> {
  return JSON.parse(await readFile(file, 'utf8')) as SavedWindowState;
}

describe('the window’s size, position and maximized state across launches', () => {
  it('opens a first window centred at the default size', () => {
    expect(launch().getBounds()).toEqual({ x: 360, y: 140, width: 1200, height: 800 });
  });

  it('remembers where the person left it, and opens there next time', async () => {
    const first = launch();
    first.simulateUserBounds({ x: 100, y: 50, width: 1000, height: 700 });
    first.close();
    expect(await saved()).toEqual({ bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: false });
    expect(launch().getBounds()).toEqual({ x: 100, y: 50, width: 1000, height: 700 });
  });

  it('saves moves once a burst of them ends, without waiting for close', async () => {
    vi.useFakeTimers();
    const window = launch();
    window.simulateUserBounds({ x: 10 });
    window.simulateUserBounds({ x: 20 });
    await vi.advanceTimersByTimeAsync(499);
    await expect(readFile(file, 'utf8')).rejects.toThrow();
    await vi.advanceTimersByTimeAsync(1);
    expect((await saved()).bounds.x).toBe(20);
  });

  it('restores a maximized window maximized', async () => {
    const first = launch();
    first.maximize();
    expect((await saved()).maximized).toBe(true);
    first.close();
    const second = launch();
    expect(second.isMaximized()).toBe(true);
  });

  it('never opens off-screen after the monitor it was on is gone', async () => {
    screen.setDisplays([display(1, { x: 0, y: 0, width: 1920, height: 1080 }), display(2, { x: 1920, y: 0, width: 2560, height: 1440 })]);
    const first = launch();
    first.simulateUserBounds({ x: 2200, y: 200, width: 1400, height: 900 });
    first.close();
    screen.setDisplays([display(1, { x: 0, y: 0, width: 1920, height: 1080 })]);
    expect(launch().getBounds()).toEqual({ x: 260, y: 90, width: 1400, height: 900 });
  });

  it('moves a running window back when its monitor is unplugged', () => {
    screen.setDisplays([display(1, { x: 0, y: 0, width: 1920, height: 1080 }), display(2, { x: 1920, y: 0, width: 2560, height: 1440 })]);
    const window = launch();
    window.simulateUserBounds({ x: 2200, y: 200, width: 1400, height: 900 });
    screen.setDisplays([display(1, { x: 0, y: 0, width: 1920, height: 1080 })]);
    expect(window.getBounds()).toEqual({ x: 260, y: 90, width: 1400, height: 900 });
  });

  it('starts from the defaults when the file is damaged or from a future version', async () => {
    await writeFile(file, '{"bounds": {"x": "left"}');
    expect(launch().getBounds()).toEqual({ x: 360, y: 140, width: 1200, height: 800 });
    await writeFile(file, JSON.stringify({ bounds: { x: 1, y: 1, width: -5, height: 10 }, maximized: false }));
    expect(launch().getBounds().width).toBe(1200);
  });
});

describe('the JSON preference file', () => {
  it('writes whole files through a rename, readable by the next launch, and only for this user', async () => {
    const numbers = new JsonFileStore(join(dir, 'nested', 'prefs.json'), z.object({ n: z.number() }), { n: 0 });
    expect(numbers.read()).toEqual({ n: 0 });
    numbers.write({ n: 42 });
    expect(new JsonFileStore(numbers.file, z.object({ n: z.number() }), { n: 0 }).read()).toEqual({ n: 42 });
    const { stat, readdir } = await import('node:fs/promises');
    expect((await stat(numbers.file)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'nested'))).toEqual(['prefs.json']);
  });
});
