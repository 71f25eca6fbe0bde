// npm start: build and run DocuVault in Electron; where Electron's runtime is
// not installed (its download needs GitHub), run the browser preview instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Electron executable, or null when it is not installed. Deliberately not
 * `require('electron')`: with the binary missing, that require starts a download.
 */
function electronExecutable() {
  const packageDir = join(root, 'node_modules', 'electron');
  try {
    const relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
    const executable = join(distDir, relative);
    return relative && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

/** Runs a command with our stdio; resolves with its exit code, forwarding Ctrl-C and kill to it. */
function run(command, args, options = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolvePromise(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

/** `npm run <script>` with the npm that started us, so it works the same on every platform. */
function npmRun(script) {
  const npmCli = process.env.npm_execpath;
  if (npmCli) return run(process.execPath, [npmCli, 'run', script]);
  return run('npm', ['run', script], { shell: process.platform === 'win32' });
}

async function main() {
  const electron = electronExecutable();
  if (!electron) {
    console.log(
      "Electron's runtime is not installed here (its download was skipped), so DocuVault opens in the browser preview; " +
        'to get the desktop app, run `node node_modules/electron/install.js` on a machine that can reach GitHub, then `npm start` again.',
    );
    return npmRun('preview');
  }
  const built = await npmRun('build');
  if (built !== 0) return built;
  const env = { ...process.env };
  // Set in the environment, it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  return run(electron, [root, ...process.argv.slice(2)], { env });
}

process.exitCode = await main();
