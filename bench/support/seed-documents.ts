import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3';
import { nameKey } from '../../src-main/core/documents/file-names';
import { LocalBackend } from '../../src-main/core/storage/local-backend';

/** A small seeded PRNG (mulberry32): every run seeds the same library, so runs compare. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const VENDORS = ['Amazon', 'IKEA', 'Lidl', 'Shell', 'Apple Store', 'Deutsche Bahn', 'Carrefour', 'MediaMarkt', 'Decathlon', 'Uber'];
const BANKS = ['ING', 'Revolut', 'N26', 'HSBC', 'Barclays', 'BNP Paribas'];
const COMPANIES = ['Acme GmbH', 'Globex Ltd', 'Initech', 'Umbrella Corp', 'Hooli', 'Stark Industries', 'Wayne Enterprises'];
const TOPICS = ['budget', 'roadmap', 'hiring', 'retro', 'kickoff', 'quarterly review', 'offsite'];
const DEPARTMENTS = ['Sales', 'Finance', 'Marketing', 'Operations', 'HR'];

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.md': 'text/markdown',
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Names that look like a real household-and-work archive, dated like the document. */
function documentName(random: () => number, created: Date): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const y = created.getUTCFullYear();
  const m = pad(created.getUTCMonth() + 1);
  const d = pad(created.getUTCDate());
  const hms = `${pad(created.getUTCHours())}${pad(created.getUTCMinutes())}${pad(created.getUTCSeconds())}`;
  const roll = random();
  if (roll < 0.25) return `Invoice ${y}-${m} #${10000 + Math.floor(random() * 90000)}.pdf`;
  if (roll < 0.4) return `Receipt ${pick(VENDORS)} ${y}-${m}-${d}.jpg`;
  if (roll < 0.48) return `${pick(BANKS)} statement ${MONTHS[created.getUTCMonth()]} ${y} (acct ${pad(Math.floor(random() * 10000), 4)}).pdf`;
  if (roll < 0.62) return `Scan ${y}${m}${d}_${hms}.pdf`;
  if (roll < 0.74) return `IMG_${y}${m}${d}_${hms}.png`;
  if (roll < 0.8) return `Contract ${pick(COMPANIES)} ${y}-${m} v${1 + Math.floor(random() * 5)}.docx`;
  if (roll < 0.88) return `Payslip ${MONTHS[created.getUTCMonth()]} ${y} - ${pick(COMPANIES)}.pdf`;
  if (roll < 0.93) return `Report Q${Math.floor(created.getUTCMonth() / 3) + 1} ${y} ${pick(DEPARTMENTS)}.xlsx`;
  if (roll < 0.98) return `Meeting notes ${y}-${m}-${d} ${pick(TOPICS)}.md`;
  return `Tax return ${y} ${pick(['final', 'draft', 'amended'])}.pdf`;
}

function randomHex(random: () => number, chars: number): string {
  let out = '';
  while (out.length < chars) out += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, chars);
}

export interface SeedOptions {
  readonly db: Database;
  /** Folders to spread documents over; the first one gets the largest share. */
  readonly folderIds: readonly string[];
  readonly count: number;
  /** Documents are dated uniformly between these two instants. */
  readonly from: Date;
  readonly to: Date;
  readonly seed?: number;
}

export interface SeedReport {
  readonly inserted: number;
  readonly ms: number;
  readonly perFolder: ReadonlyMap<string, number>;
}

/**
 * Inserts `count` ready local documents straight into `documents` in one
 * transaction (the FTS triggers index their names on the way). Every CHECK
 * is honoured: a ready row has its sha256 and object key. No bytes are
 * written: listing and search never read them.
 */
export function seedDocuments(options: SeedOptions): SeedReport {
  const random = createRandom(options.seed ?? 20240301);
  const span = options.to.getTime() - options.from.getTime();
  const insert = options.db.prepare(
    `INSERT INTO documents (id, folder_id, name, name_key, content_type, size, sha256, storage_backend, connection_id, object_key, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'local', NULL, ?, 'ready', ?, ?)`,
  );
  const taken = new Set<string>();
  const perFolder = new Map<string, number>();
  const start = performance.now();
  options.db.transaction(() => {
    for (let i = 0; i < options.count; i++) {
      // The first folder (the default vault) holds about 40%, the rest share the remainder.
      const folderId =
        random() < 0.4 || options.folderIds.length === 1
          ? options.folderIds[0]!
          : options.folderIds[1 + Math.floor(random() * (options.folderIds.length - 1))]!;
      const createdAt = options.from.getTime() + Math.floor(random() * span);
      let name = documentName(random, new Date(createdAt));
      // The folder/name pair is unique, as in the app: number duplicates the way uploads do.
      for (let n = 2; taken.has(`${folderId}/${nameKey(name)}`); n++) name = name.replace(/( \(\d+\))?(\.\w+)$/, ` (${n})$2`);
      taken.add(`${folderId}/${nameKey(name)}`);
      const ext = /\.\w+$/.exec(name)?.[0] ?? '';
      // Log-uniform 8 KB – 25 MB: most documents are small, a few are large scans.
      const size = Math.round(8_000 * Math.pow(25_000_000 / 8_000, random()));
      const id = randomUUID();
      insert.run(
        id,
        folderId,
        name,
        nameKey(name),
        CONTENT_TYPES[ext] ?? 'application/octet-stream',
        size,
        randomHex(random, 64),
        LocalBackend.keyFor(id),
        createdAt,
        createdAt,
      );
      perFolder.set(folderId, (perFolder.get(folderId) ?? 0) + 1);
    }
  })();
  return { inserted: options.count, ms: performance.now() - start, perFolder };
}
