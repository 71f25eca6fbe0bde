import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const pdfjsRoot = join(here, 'node_modules', 'pdfjs-dist');
/** Data pdf.js fetches at run time: fonts, CMaps for CJK text, image decoders, colour profiles. */
const PDFJS_ASSET_FOLDERS = ['cmaps', 'standard_fonts', 'wasm', 'iccs'] as const;

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Serves pdf.js's data under ./pdfjs/ in development and copies it there in the build. */
function pdfjsAssets(): Plugin {
  return {
    name: 'docuvault-pdfjs-assets',
    configureServer(server) {
      server.middlewares.use('/pdfjs/', (request, response, next) => {
        const path = resolve(pdfjsRoot, decodeURIComponent((request.url ?? '').split('?')[0] ?? '').replace(/^\/+/, ''));
        const inside = PDFJS_ASSET_FOLDERS.some((folder) => path.startsWith(join(pdfjsRoot, folder) + sep));
        if (!inside) return next();
        try {
          if (!statSync(path).isFile()) return next();
        } catch {
          return next();
        }
        createReadStream(path).pipe(response);
      });
    },
    generateBundle() {
      for (const folder of PDFJS_ASSET_FOLDERS) {
        for (const file of filesUnder(join(pdfjsRoot, folder))) {
          if (/LICENSE/.test(file)) continue;
          const fileName = `pdfjs/${relative(pdfjsRoot, file).split(sep).join('/')}`;
          this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
        }
      }
    },
  };
}

/**
 * The renderer build. `base: './'` keeps every URL relative, so the same files
 * work from Electron's app scheme and from the preview's loopback server.
 */
export default defineConfig({
  root: join(here, 'src-renderer'),
  base: './',
  plugins: [react(), pdfjsAssets()],
  build: {
    outDir: join(here, 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    // Nothing inlined as data: URLs; the CSP allows workers and scripts from 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
});
