import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

let temp: string;
let fakeNpm: string;

/** Runs `npm start` with a stand-in for npm that records what it was asked to run and exits with `npmExit`. */
function runStart(npmExit: number): Promise<{ code: number | null; stdout: string; npmArgs: string[] }> {
  const record = join(temp, `npm-args-${npmExit}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
      cwd: root,
      env: {
        ...process.env,
        npm_execpath: fakeNpm,
        FAKE_NPM_RECORD: record,
        FAKE_NPM_EXIT: String(npmExit),
        // Wherever this runs, the Electron binary is looked for in an empty folder: never launched from a test.
        ELECTRON_OVERRIDE_DIST_PATH: temp,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('exit', async (code) => {
      const npmArgs = JSON.parse(await readFile(record, 'utf8').catch(() => '[]')) as string[];
      resolve({ code, stdout, npmArgs });
    });
  });
}

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'docuvault-start-'));
  fakeNpm = join(temp, 'fake-npm.cjs');
  await writeFile(
    fakeNpm,
    `require('fs').writeFileSync(process.env.FAKE_NPM_RECORD, JSON.stringify(process.argv.slice(2)));
process.exit(Number(process.env.FAKE_NPM_EXIT));`,
  );
});

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('npm start without the Electron runtime', () => {
  it('says so in one line, with how to get it, and runs the browser preview instead', async () => {
    const { code, stdout, npmArgs } = await runStart(0);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Electron's runtime is not installed/);
    expect(lines[0]).toContain('node node_modules/electron/install.js');
    expect(npmArgs).toEqual(['run', 'preview']);
  });

  it('exits with the preview’s exit code', async () => {
    const { code, npmArgs } = await runStart(3);
    expect(npmArgs).toEqual(['run', 'preview']);
    expect(code).toBe(3);
  });
});
