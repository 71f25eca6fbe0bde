import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** One bundled package, as scripts/generate-licenses.mjs writes it at build time. */
const LicenseEntrySchema = z.object({
  name: z.string(),
  version: z.string(),
  license: z.string(),
  repository: z.string().nullable().optional(),
  text: z.string().nullable().optional(),
});
export type LicenseEntry = z.infer<typeof LicenseEntrySchema>;

const LicensesFileSchema = z.object({ generatedFor: z.string(), packages: z.array(LicenseEntrySchema) });
export type LicensesFile = z.infer<typeof LicensesFileSchema>;

/** The build's licenses.json, or null when this build has none (a development build without it). */
export async function readLicenses(file: string): Promise<LicensesFile | null> {
  try {
    const parsed = LicensesFileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** "MIT (112), ISC (20), Apache-2.0 (9)": the licences by how many packages use them. */
export function licenseSummary(packages: readonly LicenseEntry[]): string {
  const counts = new Map<string, number>();
  for (const entry of packages) counts.set(entry.license, (counts.get(entry.license) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([license, count]) => `${license} (${count})`)
    .join(', ');
}

/** The full notices as plain text, for a person (and for licences that require the notice to ship). */
export function licensesAsText(file: LicensesFile): string {
  const header = `Third-party software in ${file.generatedFor}\n${'='.repeat(60)}\n`;
  const sections = file.packages.map((entry) => {
    const lines = [`${entry.name} ${entry.version}`, `License: ${entry.license}`];
    if (entry.repository) lines.push(`Source: ${entry.repository}`);
    if (entry.text) lines.push('', entry.text.trim());
    return lines.join('\n');
  });
  return `${header}\n${sections.join(`\n\n${'-'.repeat(60)}\n\n`)}\n`;
}
