// Bundles the Electron main process and its preload with esbuild.
//   node scripts/build-main.mjs [--outdir <dir>]    (default: dist/main)
// The smoke test imports buildMain() to build into a temporary directory.
import { realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Native modules cannot be bundled (they load a .node file next to their JS),
 * and `electron` is provided by the runtime. Everything else is bundled, so
 * the packaged app needs no node_modules beyond these. The optional native
 * add-ons some libraries probe for (ws, chokidar) stay external too: their
 * callers already cope when the require fails.
 */
export const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate', 'fsevents'];

/** @param {{ outdir?: string, logLevel?: import('esbuild').LogLevel }} [options] */
export async function buildMain({ outdir = join(root, 'dist', 'main'), logLevel = 'warning' } = {}) {
  const shared = { absWorkingDir: root, bundle: true, format: 'cjs', sourcemap: 'linked', logLevel, legalComments: 'none' };
  const mainFile = join(outdir, 'main.cjs');
  const preloadFile = join(outdir, 'preload.cjs');
  await Promise.all([
    build({
      ...shared,
      entryPoints: [join(root, 'src-main/electron/main.ts')],
      outfile: mainFile,
      platform: 'node',
      // Electron 45 runs Node 22.
      target: 'node22',
      external: MAIN_EXTERNALS,
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
  ]);
  return { mainFile, preloadFile };
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
  buildMain({ outdir, logLevel: 'info' }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
