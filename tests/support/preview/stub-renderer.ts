import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A tiny stand-in for vite's output, so server tests do not depend on a renderer
 * build. Its inline script must be blocked by the page's CSP.
 */
export const STUB_INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>DocuVault stub</title>
    <script type="module" crossorigin src="/assets/app.js"></script>
    <link rel="stylesheet" href="/assets/app.css" />
  </head>
  <body>
    <div id="root"></div>
    <script>window.inlineScriptRan = true;</script>
  </body>
</html>
`;

export const STUB_APP_JS = `document.getElementById('root').textContent = 'stub app: ' + (window.docuvault ? window.docuvault.transport : 'no bridge');\n`;

export interface StubRenderer {
  /** The directory to serve (dist/renderer's stand-in). */
  readonly rendererDir: string;
  /** A file next to the renderer dir, which no request may read. */
  readonly secretPath: string;
  readonly secretText: string;
}

export async function writeStubRenderer(parent: string): Promise<StubRenderer> {
  const rendererDir = join(parent, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), STUB_INDEX_HTML);
  await writeFile(join(rendererDir, 'assets', 'app.js'), STUB_APP_JS);
  await writeFile(join(rendererDir, 'assets', 'app.css'), 'body { margin: 0; }\n');
  await writeFile(join(rendererDir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
  await writeFile(join(rendererDir, 'assets', 'module.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  await writeFile(join(rendererDir, 'assets', 'data.bin'), Buffer.from([1, 2, 3]));
  const secretText = 'outside the renderer: must never be served';
  const secretPath = join(parent, 'secret.txt');
  await writeFile(secretPath, secretText);
  return { rendererDir, secretPath, secretText };
}
