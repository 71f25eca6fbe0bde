// Lists the licences of the packages DocuVault ships: the production dependency
// tree of package.json (dependencies and optional dependencies, recursively,
// devDependencies never), each with its licence text when the package has one.
//   node scripts/generate-licenses.mjs [--out <file>]    (default: dist/main/licenses.json)
// build-main.mjs calls collectLicenses() so every build carries the file the About dialog reads.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt|markdown|mit|bsd|apache))?$/i;
/** Enough for any real licence; a package that ships a book as its LICENSE is cut there. */
const MAX_TEXT = 20_000;

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** SPDX expression, the legacy `{type}` object, or the even older `licenses` array. */
export function licenseOf(manifest) {
  const { license, licenses } = manifest;
  if (typeof license === 'string' && license.trim()) return license.trim();
  if (license && typeof license === 'object' && typeof license.type === 'string') return license.type;
  if (Array.isArray(licenses) && licenses.length > 0) {
    const types = licenses.map((entry) => (typeof entry === 'string' ? entry : entry?.type)).filter(Boolean);
    if (types.length > 0) return types.length === 1 ? types[0] : `(${types.join(' OR ')})`;
  }
  return 'UNKNOWN';
}

function repositoryOf(manifest) {
  const repo = manifest.repository;
  const url = typeof repo === 'string' ? repo : repo?.url;
  return typeof url === 'string' ? url.replace(/^git\+/, '') : (manifest.homepage ?? null);
}

function licenseText(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const file = names.filter((name) => LICENSE_FILE.test(name)).sort()[0];
  if (!file) return null;
  const text = readFileSync(join(dir, file), 'utf8');
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}\n[…]` : text;
}

/** Node's lookup: <from>/node_modules/<name>, then each parent's, up to the project. */
function resolvePackageDir(name, fromDir, projectDir) {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dir === projectDir || dirname(dir) === dir) return null;
    dir = dirname(dir);
  }
}

/**
 * @param {{ projectDir?: string }} [options]
 * @returns {{ generatedFor: string, packages: { name: string, version: string, license: string, repository: string | null, text: string | null }[], missing: string[] }}
 */
export function collectLicenses({ projectDir = root } = {}) {
  const project = readJson(join(projectDir, 'package.json'));
  const seen = new Map();
  const missing = [];
  const queue = [
    ...Object.keys(project.dependencies ?? {}).map((name) => ({ name, from: projectDir, optional: false })),
    ...Object.keys(project.optionalDependencies ?? {}).map((name) => ({ name, from: projectDir, optional: true })),
  ];
  while (queue.length > 0) {
    const { name, from, optional } = queue.shift();
    const dir = resolvePackageDir(name, from, projectDir);
    if (!dir) {
      // An optional dependency for another platform (fsevents on Linux) is simply not installed.
      if (!optional) missing.push(name);
      continue;
    }
    if (seen.has(dir)) continue;
    const manifest = readJson(join(dir, 'package.json'));
    seen.set(dir, {
      name: manifest.name ?? name,
      version: manifest.version ?? '0.0.0',
      license: licenseOf(manifest),
      repository: repositoryOf(manifest),
      text: licenseText(dir),
    });
    for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push({ name: dep, from: dir, optional: false });
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) queue.push({ name: dep, from: dir, optional: true });
  }
  // Several copies of one version (nested installs) are one entry for a reader.
  const unique = new Map();
  for (const entry of seen.values()) unique.set(`${entry.name}@${entry.version}`, entry);
  const packages = [...unique.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  return { generatedFor: `${project.productName ?? project.name} ${project.version}`, packages, missing };
}

/** Writes the licences file; returns how many packages it lists. */
export async function writeLicenses(outFile, options) {
  const { missing, ...file } = collectLicenses(options);
  if (missing.length > 0) throw new Error(`dependencies not installed, run npm install: ${missing.join(', ')}`);
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(file)}\n`);
  return file.packages.length;
}

function isRunDirectly() {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isRunDirectly()) {
  const flag = process.argv.indexOf('--out');
  const out = flag >= 0 ? resolve(process.argv[flag + 1] ?? '') : join(root, 'dist', 'main', 'licenses.json');
  writeLicenses(out).then(
    (count) => console.log(`${count} packages → ${out}`),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
