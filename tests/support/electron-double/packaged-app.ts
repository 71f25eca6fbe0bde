import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as ElectronBuilder from 'electron-builder';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** electron-builder's own dependencies (asar, fuses), resolved the way it resolves them. */
export const requireFromBuilder = createRequire(join(root, 'node_modules', 'app-builder-lib', 'package.json'));

/** Electron's fuse sentinel, then the wire: format version 1, eight fuses, Electron 45's defaults. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const DEFAULT_FUSE_WIRE = '10110001';

export interface PackagedApp {
  /** release/linux-unpacked: the app as an installer would install it. */
  readonly appDir: string;
  readonly executable: string;
  readonly asar: string;
  remove(): Promise<void>;
}

/**
 * An unpacked Electron distribution without Electron: a shell script carrying
 * the fuse wire where the real binary has it, so electron-builder packages
 * around it and @electron/fuses flips its fuses as it would the real ones.
 */
async function fakeElectronDist(dir: string): Promise<void> {
  await mkdir(join(dir, 'locales'), { recursive: true });
  await mkdir(join(dir, 'resources'), { recursive: true });
  const binary = Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, DEFAULT_FUSE_WIRE.length]), Buffer.from(DEFAULT_FUSE_WIRE)]);
  await writeFile(join(dir, 'electron'), binary);
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'LICENSE'), 'stand-in');
  await writeFile(join(dir, 'LICENSES.chromium.html'), 'stand-in');
  await writeFile(join(dir, 'version'), '45.3.4');
}

/**
 * Packages the app with the project's electron-builder configuration (the
 * release overrides included) as Linux's unpacked `dir` target, in a copy of
 * the project outside the repository: production bundles built afresh, the
 * renderer build (or a stub page), the real node_modules. Only two things
 * differ from `npm run dist`: Electron is the stand-in above, and the
 * before-pack rebuild for Electron is skipped (it needs Electron's headers),
 * so better-sqlite3 stays the Node build these tests can load.
 */
export async function packageApp(): Promise<PackagedApp> {
  const work = await mkdtemp(join(tmpdir(), 'docuvault-packaged-'));
  const project = join(work, 'project');
  await mkdir(join(project, 'dist'), { recursive: true });
  for (const file of ['package.json', 'electron-builder.yml']) await cp(join(root, file), join(project, file));
  await cp(join(root, 'scripts'), join(project, 'scripts'), { recursive: true });
  await symlink(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
  // electron-builder asks `npm list` for the production tree. Through the symlink npm can only trust
  // node_modules/.package-lock.json, which it ignores once anything in node_modules is newer (the test
  // caches under node_modules/.cache and .vite are): then every package reads as extraneous and
  // better-sqlite3's own dependencies go missing from the package. The tree itself is unchanged
  // since install, so mark the hidden lockfile current again.
  const hiddenLockfile = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(hiddenLockfile)) await utimes(hiddenLockfile, new Date(), new Date());
  const builtRenderer = join(root, 'dist', 'renderer');
  await mkdir(join(project, 'dist', 'renderer'), { recursive: true });
  if (existsSync(join(builtRenderer, 'index.html'))) await cp(builtRenderer, join(project, 'dist', 'renderer'), { recursive: true });
  else await writeFile(join(project, 'dist', 'renderer', 'index.html'), '<!doctype html><title>DocuVault</title>');
  const { buildMain } = (await import(/* @vite-ignore */ pathToFileURL(join(root, 'scripts', 'build-main.mjs')).href)) as {
    buildMain: (options: { outdir: string }) => Promise<unknown>;
  };
  await buildMain({ outdir: join(project, 'dist', 'main') });
  const electronDist = join(work, 'electron-dist');
  await fakeElectronDist(electronDist);

  const { builderOverrides } = (await import(/* @vite-ignore */ pathToFileURL(join(project, 'scripts', 'packaging', 'builder-config.mjs')).href)) as {
    builderOverrides: () => Record<string, unknown>;
  };
  const { build, Platform, Arch } = requireFromBuilder('electron-builder') as typeof ElectronBuilder;
  const output = join(work, 'release');
  await build({
    projectDir: project,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: { ...builderOverrides(), electronDist, electronVersion: '45.3.4', beforePack: async () => undefined, directories: { output } },
  });
  const appDir = join(output, 'linux-unpacked');
  return {
    appDir,
    executable: join(appDir, 'docuvault'),
    asar: join(appDir, 'resources', 'app.asar'),
    remove: () => rm(work, { recursive: true, force: true }),
  };
}
