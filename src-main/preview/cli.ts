import { fileURLToPath } from 'node:url';
import { redactingLogger } from '../core/logging/tee-logger';
import { consoleLogger } from '../core/ports';
import { defaultPreviewDataDir } from './default-data-dir';
import { startPreviewServer } from './start-preview-server';

/**
 * `npm run preview`: the real app in a browser, on this machine only.
 *   DOCUVAULT_DATA_DIR      where the vault lives (default: a per-user preview folder)
 *   DOCUVAULT_PREVIEW_PORT  a fixed port (default: any free one)
 *   DOCUVAULT_QUOTA_BYTES   a local-vault quota to apply at start ("none" removes it)
 */
const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

function parsePort(text: string | undefined): number {
  if (!text) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`DOCUVAULT_PREVIEW_PORT is not a port: ${text}`);
  return port;
}

function parseQuota(text: string | undefined): number | null | undefined {
  if (text === undefined || text === '') return undefined;
  if (text === 'none') return null;
  const bytes = Number(text);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new Error(`DOCUVAULT_QUOTA_BYTES is not a positive number of bytes: ${text}`);
  return bytes;
}

async function main(): Promise<void> {
  const dataDir = process.env.DOCUVAULT_DATA_DIR || defaultPreviewDataDir();
  const quota = parseQuota(process.env.DOCUVAULT_QUOTA_BYTES);
  const preview = await startPreviewServer({
    dataDir,
    rendererDir: RENDERER_DIR,
    port: parsePort(process.env.DOCUVAULT_PREVIEW_PORT),
    logger: redactingLogger(consoleLogger),
  });
  if (quota !== undefined) {
    const response = await fetch(`${preview.origin}/api/invoke/vault:set-quota`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${preview.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ quotaBytes: quota }),
    });
    const result = (await response.json()) as { ok: boolean; error?: { message: string } };
    if (!result.ok) throw new Error(`Could not set the quota: ${result.error?.message ?? response.status}`);
  }

  console.log(`DocuVault preview (data in ${dataDir}) — open: ${preview.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl+C means "now".
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the preview…`);
    preview.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('The preview did not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('The preview could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
