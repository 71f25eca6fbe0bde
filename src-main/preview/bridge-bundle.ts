import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const BRIDGE_ENTRY = fileURLToPath(new URL('./bridge/index.ts', import.meta.url));

/**
 * Bundles the bridge script once, when the server starts; it is then served from
 * memory. One self-contained file with no imports, like the Electron preload.
 */
export async function bundleBridgeScript(): Promise<Buffer> {
  const result = await build({
    entryPoints: [BRIDGE_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no bridge script');
  return Buffer.from(output.contents);
}
