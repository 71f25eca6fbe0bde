// npm run dist [-- --mac|--win|--linux] [--x64] [--arm64] [--e2e] [--dir]
// Builds the renderer and main bundles (production), then DocuVault's installers
// with electron-builder on this machine (which must reach Electron's downloads),
// and finally puts back the Node build of better-sqlite3 that packaging replaced.
//   --mac / --win / --linux   the OS to package for (default: this machine's; one only)
//   --x64 / --arm64           architectures, instead of those in electron-builder.yml
//   --e2e                     keep the Node inspector fuse on, for an end-to-end test build
//   --dir                     unpacked app only, no installer (quick local check)
// Signing and notarization come from environment variables: docs/RELEASING.md.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { builderOverrides, projectDir } from './packaging/builder-config.mjs';
import { NATIVE_MODULES } from './packaging/before-pack.mjs';

const require = createRequire(import.meta.url);

const PLATFORM_FLAGS = { '--mac': 'mac', '--win': 'win', '--linux': 'linux' };
const HOST_PLATFORM = { darwin: 'mac', win32: 'win', linux: 'linux' };

export function parseDistArgs(argv) {
  const platforms = argv.filter((arg) => arg in PLATFORM_FLAGS).map((arg) => PLATFORM_FLAGS[arg]);
  if (platforms.length > 1) throw new Error('Package one OS per run, on that OS (native modules are built for the machine they are built on).');
  const platform = platforms[0] ?? HOST_PLATFORM[process.platform];
  if (!platform) throw new Error(`No installers are made on ${process.platform}.`);
  const archs = ['--x64', '--arm64'].filter((flag) => argv.includes(flag)).map((flag) => flag.slice(2));
  const known = new Set([...Object.keys(PLATFORM_FLAGS), '--x64', '--arm64', '--e2e', '--dir']);
  const unknown = argv.filter((arg) => !known.has(arg));
  if (unknown.length > 0) throw new Error(`Unknown option: ${unknown.join(' ')}`);
  return { platform, archs, e2e: argv.includes('--e2e'), dirOnly: argv.includes('--dir') };
}

function run(command, args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: projectDir, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

function npm(...args) {
  const npmCli = process.env.npm_execpath;
  return npmCli ? run(process.execPath, [npmCli, ...args]) : run('npm', args);
}

async function main() {
  const options = parseDistArgs(process.argv.slice(2));
  await npm('run', 'build');
  const { build, Platform, Arch } = require('electron-builder');
  const platform = { mac: Platform.MAC, win: Platform.WINDOWS, linux: Platform.LINUX }[options.platform];
  const archs = options.archs.map((name) => Arch[name]);
  const targets = options.dirOnly ? platform.createTarget('dir', ...archs) : archs.length > 0 ? platform.createTarget(null, ...archs) : platform.createTarget();
  try {
    const artifacts = await build({ targets, config: builderOverrides({ e2e: options.e2e }), publish: 'never' });
    console.log(`\nBuilt ${options.e2e ? 'an end-to-end (inspector kept) ' : ''}${options.platform} package:\n${artifacts.map((file) => `  ${file}`).join('\n')}`);
  } finally {
    // Packaging left an Electron build of the native module in node_modules; tests and `npm start` need Node's.
    console.log(`Restoring the Node build of ${NATIVE_MODULES.join(', ')}…`);
    await npm('rebuild', ...NATIVE_MODULES);
  }
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
