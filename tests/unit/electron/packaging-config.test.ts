import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from '../../../src-main/electron/app-identity';
import { DEEP_LINK_SCHEME } from '../../../src-main/electron/deep-links';

/**
 * The electron-builder configuration, merged by electron-builder's own loader
 * exactly as `npm run dist` merges it, checked against electron-builder's JSON
 * schema and against what the release depends on. Nothing is downloaded or built.
 */
interface BuilderConfig {
  [key: string]: unknown;
  appId: string;
  files: unknown[];
  asarUnpack: string[];
  npmRebuild: boolean;
  beforePack: string;
  electronFuses: Record<string, boolean>;
  protocols: { name: string; schemes: string[] }[];
  mac: { target: { target: string; arch: string[] }[]; icon: string; notarize: boolean; hardenedRuntime: boolean; entitlements: string };
  win: { target: { target: string }[]; icon: string };
  nsis: { oneClick: boolean; perMachine: boolean; allowElevation: boolean };
  linux: { target: { target: string }[]; icon: string; maintainer: string; executableName: string };
}

interface BuilderConfigModule {
  projectDir: string;
  loadBuilderConfig(kind?: { e2e?: boolean }): Promise<BuilderConfig>;
  builderSchemaPath(): string;
}

let configModule: BuilderConfigModule;
let release: BuilderConfig;
let e2e: BuilderConfig;

beforeAll(async () => {
  const url = pathToFileURL(join(process.cwd(), 'scripts/packaging/builder-config.mjs')).href;
  configModule = (await import(/* @vite-ignore */ url)) as BuilderConfigModule;
  release = await configModule.loadBuilderConfig();
  e2e = await configModule.loadBuilderConfig({ e2e: true });
});

const project = () => configModule.projectDir;
const targets = (list: { target: string }[]) => list.map((entry) => entry.target);

describe('the merged electron-builder configuration', () => {
  it('is valid against electron-builder’s own schema, for a release and for an end-to-end build', () => {
    const schema = JSON.parse(readFileSync(configModule.builderSchemaPath(), 'utf8')) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    for (const config of [release, e2e]) {
      expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
    // The schema does catch mistakes: a misspelt fuse is refused.
    expect(validate({ ...release, electronFuses: { runAsNod: false } })).toBe(false);
  });

  it('has the appId the app gives Windows as its AppUserModelID', () => {
    expect(release.appId).toBe(APP_USER_MODEL_ID);
  });

  it('registers the docuvault URL scheme', () => {
    expect(release.protocols.flatMap((protocol) => protocol.schemes)).toEqual([DEEP_LINK_SCHEME]);
    // Linux .desktop files get `MimeType=x-scheme-handler/docuvault` and `%U` from protocols, unless Exec is overridden.
    expect(JSON.stringify(release.linux)).not.toMatch(/"Exec"/);
  });

  it('unpacks every native add-on from the asar archive', () => {
    const nodeFiles = ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/x/prebuilds/linux-x64/y.node'];
    for (const file of nodeFiles) expect(release.asarUnpack.some((pattern) => matchesGlob(file, pattern))).toBe(true);
  });

  it('ships the runtime closure of better-sqlite3 and leaves bundled modules out of node_modules', () => {
    const require = createRequire(join(project(), 'node_modules', 'app-builder-lib', 'package.json'));
    const { Minimatch } = require('minimatch') as { Minimatch: new (pattern: string, options: object) => { match(path: string): boolean } };
    // electron-builder normalises `files` into file sets; the app's own set has no `from`.
    const patterns = release.files.flatMap((entry) => (typeof entry === 'string' ? [entry] : ((entry as { filter?: string[] }).filter ?? [])));
    const exclusions = patterns.filter((entry) => entry.startsWith('!')).map((entry) => new Minimatch(entry.slice(1), { dot: true }));
    expect(exclusions.length).toBeGreaterThan(0);
    const excluded = (path: string) => exclusions.some((pattern) => pattern.match(path));
    for (const kept of [
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/bindings/bindings.js',
      'node_modules/file-uri-to-path/index.js',
      'dist/main/main.cjs',
      'dist/main/licenses.json',
      'dist/renderer/index.html',
    ]) {
      expect(excluded(kept), kept).toBe(false);
    }
    for (const left of ['node_modules/react/index.js', 'node_modules/@azure/msal-node/package.json', 'node_modules/pdfjs-dist/build/pdf.mjs', 'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', 'dist/main/main.cjs.map']) {
      expect(excluded(left), left).toBe(true);
    }
  });

  it('rebuilds better-sqlite3 for Electron only in its before-pack step', async () => {
    expect(release.npmRebuild).toBe(false);
    const hook = join(project(), release.beforePack);
    expect(existsSync(hook)).toBe(true);
    const module = (await import(/* @vite-ignore */ pathToFileURL(hook).href)) as { default: unknown; NATIVE_MODULES: string[] };
    expect(typeof module.default).toBe('function');
    expect(module.NATIVE_MODULES).toEqual(['better-sqlite3']);
  });

  it('sets the release fuses, and keeps only the inspector for an end-to-end build', () => {
    const hardened = {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    };
    expect(release.electronFuses).toMatchObject(hardened);
    expect(e2e.electronFuses).toEqual({ ...release.electronFuses, enableNodeCliInspectArguments: true });
  });

  it('builds the agreed installers: dmg and zip per arch, per-user NSIS, AppImage, deb and rpm', () => {
    expect(targets(release.mac.target)).toEqual(['dmg', 'zip']);
    for (const target of release.mac.target) expect(target.arch).toEqual(['x64', 'arm64']);
    expect(release.mac.hardenedRuntime).toBe(true);
    expect(targets(release.win.target)).toEqual(['nsis']);
    expect(release.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false });
    expect(targets(release.linux.target)).toEqual(['AppImage', 'deb', 'rpm']);
  });

  it('gives deb and rpm their homepage and a maintainer e-mail', () => {
    const manifest = JSON.parse(readFileSync(join(project(), 'package.json'), 'utf8')) as { homepage?: string; author?: { email?: string } };
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(release.linux.maintainer).toMatch(/^[^<>]+ <[^@<>\s]+@[^@<>\s]+\.[a-z]+>$/);
    expect(manifest.author?.email).toMatch(/@/);
  });

  it('points at icons and entitlements that exist', () => {
    for (const file of [release.mac.icon, release.win.icon, join(release.linux.icon, '512x512.png'), release.mac.entitlements]) {
      expect(existsSync(join(project(), file)), file).toBe(true);
    }
  });
});

/** Node's glob matcher (node:path), without its experimental warning in the output. */
function matchesGlob(path: string, pattern: string): boolean {
  const { matchesGlob: match } = createRequire(import.meta.url)('node:path') as { matchesGlob: (path: string, pattern: string) => boolean };
  return match(path, pattern);
}
