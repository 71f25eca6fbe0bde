// Bundles the Electron main process and its preload with esbuild, and writes
// the licences of the shipped packages beside them (the About dialog reads it).
//   node scripts/build-main.mjs [--outdir <dir>] [--mode production|development]
// Production (the default, what `npm run dist` packages) is minified with names
// kept for readable stack traces in logs; development is not minified.
// The smoke tests import buildMain() to build the production bundle into a temporary directory.
import { realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeLicenses } from './generate-licenses.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Native modules cannot be bundled (they load a .node file next to their JS),
 * and `electron` is provided by the runtime. Everything else is bundled, so
 * the packaged app needs no node_modules beyond these. The optional native
 * add-ons some libraries probe for (ws, chokidar) stay external too: their
 * callers already cope when the require fails.
 */
export const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate', 'fsevents'];

/** @param {{ outdir?: string, logLevel?: import('esbuild').LogLevel, mode?: 'production' | 'development' }} [options] */
export async function buildMain({ outdir = join(root, 'dist', 'main'), logLevel = 'warning', mode = 'production' } = {}) {
  if (mode !== 'production' && mode !== 'development') throw new Error(`unknown mode: ${mode}`);
  const production = mode === 'production';
  const shared = {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    sourcemap: 'linked',
    logLevel,
    // Licences are listed in licenses.json rather than repeated inside the bundle.
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
  };
  const mainFile = join(outdir, 'main.cjs');
  const preloadFile = join(outdir, 'preload.cjs');
  const licensesFile = join(outdir, 'licenses.json');
  await Promise.all([
    build({
      ...shared,
      entryPoints: [join(root, 'src-main/electron/main.ts')],
      outfile: mainFile,
      platform: 'node',
      // Electron 45 runs Node 22.
      target: 'node22',
      external: MAIN_EXTERNALS,
      minify: production,
      keepNames: true,
    }),
    build({
      ...shared,
      entryPoints: [join(root, 'src-main/electron/preload/preload.ts')],
      outfile: preloadFile,
      // A sandboxed preload is a browser context that may require('electron') and little else.
      platform: 'browser',
      // It carries the contract's zod schemas (for the channel names) and is parsed on every page load.
      minify: true,
      target: 'chrome140',
      external: ['electron'],
    }),
    writeLicenses(licensesFile),
  ]);
  return { mainFile, preloadFile, licensesFile };
}

function isRunDirectly() {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isRunDirectly()) {
  const flag = process.argv.indexOf('--outdir');
  const outdir = flag >= 0 ? resolve(process.argv[flag + 1] ?? '') : undefined;
  const modeFlag = process.argv.indexOf('--mode');
  const mode = modeFlag >= 0 ? process.argv[modeFlag + 1] : 'production';
  buildMain({ outdir, logLevel: 'info', mode }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
