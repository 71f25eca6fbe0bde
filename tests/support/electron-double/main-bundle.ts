import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { electronModule } from './index';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const requireFromHere = createRequire(import.meta.url);

type BuildMain = (options: { outdir: string }) => Promise<{ mainFile: string; preloadFile: string; licensesFile: string }>;

export interface BuiltBundle {
  readonly dir: string;
  readonly mainFile: string;
  readonly preloadFile: string;
  readonly licensesFile: string;
  /** dist/renderer's stand-in: main finds the page at <main>/../renderer. */
  readonly rendererDir: string;
  remove(): Promise<void>;
}

/**
 * Builds main.cjs, preload.cjs and licenses.json with the project's own build
 * script, in production mode (what `npm run dist` packages), into a
 * temporary directory inside the repository (so the bundle's externals, such as
 * better-sqlite3, resolve from node_modules), next to a renderer directory: the
 * real renderer build when there is one, else a stub page (never written to dist/).
 */
export async function buildMainBundle(): Promise<BuiltBundle> {
  const cache = join(root, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'docuvault-electron-bundle-'));
  const script = pathToFileURL(join(root, 'scripts', 'build-main.mjs')).href;
  const { buildMain } = (await import(/* @vite-ignore */ script)) as { buildMain: BuildMain };
  const { mainFile, preloadFile, licensesFile } = await buildMain({ outdir: join(dir, 'main') });
  const rendererDir = join(dir, 'renderer');
  const builtRenderer = join(root, 'dist', 'renderer');
  if (existsSync(join(builtRenderer, 'index.html'))) {
    await symlink(builtRenderer, rendererDir, 'dir');
  } else {
    await mkdir(rendererDir, { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>DocuVault</title>');
  }
  return {
    dir,
    mainFile,
    preloadFile,
    licensesFile,
    rendererDir,
    async remove() {
      delete requireFromHere.cache[mainFile];
      delete requireFromHere.cache[preloadFile];
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Loads (afresh, so it runs again) a CommonJS bundle the way Electron would,
 * with `require('electron')` answered by the double.
 */
export function requireWithElectronDouble(file: string): void {
  delete requireFromHere.cache[file];
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'electron' ? electronModule : original.call(this, request, ...rest);
  };
  try {
    requireFromHere(file);
  } finally {
    loader._load = original;
  }
}
