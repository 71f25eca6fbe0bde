import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../../support/preview/raw-http';
import { makeTempDir } from '../../support/temp-dir';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Starts `node --import tsx src-main/preview/cli.ts` (what `npm run preview` runs after building). */
function startCli(env: Record<string, string>): { child: ChildProcessWithoutNullStreams; url: Promise<string>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/preview/cli.ts'], {
    cwd: REPO,
    env: { ...process.env, ...env },
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      output += text;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', () => reject(new Error(`the preview exited before printing its URL:\n${output}`)));
  });
  child.stderr.resume();
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url, exit };
}

describe('npm run preview (cli.ts)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('prints one URL with the token, applies DOCUVAULT_QUOTA_BYTES, and stops cleanly on SIGTERM', async () => {
    const temp = await makeTempDir('docuvault-cli-');
    cleanups.push(temp.remove);
    const cli = startCli({ DOCUVAULT_DATA_DIR: temp.path, DOCUVAULT_QUOTA_BYTES: '5000000', DOCUVAULT_PREVIEW_PORT: '0' });
    cleanups.push(async () => {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    });
    const url = new URL(await cli.url);
    const port = Number(url.port);
    const token = url.searchParams.get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(32);

    const granted = await rawRequest({ port, path: `${url.pathname}${url.search}` });
    expect(granted.status).toBe(303);
    expect((await rawRequest({ port, path: '/' })).status).toBe(401);

    const info = await rawRequest({
      port,
      method: 'POST',
      path: '/api/invoke/vault:info',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(info.json()).toMatchObject({ ok: true, value: { quotaBytes: 5_000_000 } });

    cli.child.kill('SIGTERM');
    await expect(cli.exit).resolves.toBe(0);
    await expect(rawRequest({ port, path: '/' })).rejects.toThrow();
  });

  it('refuses a malformed quota instead of starting with a wrong one', async () => {
    const temp = await makeTempDir('docuvault-cli-');
    cleanups.push(temp.remove);
    const cli = startCli({ DOCUVAULT_DATA_DIR: temp.path, DOCUVAULT_QUOTA_BYTES: 'lots' });
    cli.url.catch(() => undefined);
    await expect(cli.exit).resolves.toBe(1);
  });
});
