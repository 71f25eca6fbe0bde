// The electron-builder configuration as electron-builder itself will see it:
// electron-builder.yml merged (by electron-builder's own loader) with the
// overrides of a release or an end-to-end build. scripts/dist.mjs builds with
// these overrides; the packaging test validates the merged result.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/**
 * What differs between build kinds. A release keeps every fuse of the YAML. An
 * end-to-end build (a test driver attaching to the main process) keeps the
 * Node inspector: `enableNodeCliInspectArguments` back on, nothing else.
 * @param {{ e2e?: boolean }} [kind]
 */
export function builderOverrides({ e2e = false } = {}) {
  return e2e ? { electronFuses: { enableNodeCliInspectArguments: true } } : {};
}

/**
 * electron-builder's merged configuration for this project.
 * @param {{ e2e?: boolean }} [kind]
 */
export async function loadBuilderConfig(kind = {}) {
  const { getConfig } = require('app-builder-lib/out/util/config/config');
  // getConfig merges into what it is given: hand it a fresh object each time.
  return getConfig(projectDir, null, structuredClone(builderOverrides(kind)));
}

/** The JSON schema electron-builder validates its configuration with. */
export function builderSchemaPath() {
  return require.resolve('app-builder-lib/scheme.json');
}
