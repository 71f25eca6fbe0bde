// electron-builder beforePack hook: rebuilds better-sqlite3 for the Electron
// version and architecture being packaged, right before electron-builder copies
// node_modules into the app. node_modules keeps a Node build the rest of the
// time (development and tests); scripts/dist.mjs puts it back after packaging.
import { createRequire } from 'node:module';
import { projectDir } from './builder-config.mjs';

const require = createRequire(import.meta.url);
/** builder-util's Arch enum, by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];
export const NATIVE_MODULES = ['better-sqlite3'];

/** @param {{ electronPlatformName: string, arch: number, packager: { info: { framework: { version: string } } } }} context */
export default async function beforePack(context) {
  const arch = ARCH_NAMES[context.arch];
  if (!arch || arch === 'universal') throw new Error(`DocuVault is packaged per architecture, not as ${arch ?? context.arch}`);
  if (context.electronPlatformName !== process.platform) {
    // A native add-on compiles for the OS it is built on: build each OS's installers on that OS.
    throw new Error(`cannot build ${context.electronPlatformName} installers on ${process.platform}: native modules must be built on their own OS`);
  }
  const electronVersion = context.packager.info.framework.version;
  // @electron/rebuild comes with electron-builder; resolve it from there, not from the project.
  const { rebuild } = createRequire(require.resolve('app-builder-lib/package.json'))('@electron/rebuild');
  console.log(`  • rebuilding ${NATIVE_MODULES.join(', ')} for Electron ${electronVersion} ${context.electronPlatformName}-${arch}`);
  await rebuild({ buildPath: projectDir, electronVersion, arch, onlyModules: NATIVE_MODULES, force: true, mode: 'sequential' });
}
