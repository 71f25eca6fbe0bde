import { performance } from 'node:perf_hooks';
import type { ChannelInput } from '../../src-shared/contract';
import { median, percentile } from './stats';
import {
  captureStatements,
  explainQueryPlan,
  formatPlan,
  indexesUsed,
  planConcerns,
  type CapturedStatement,
  type PlanLine,
} from './statement-capture';
import { openVaultSession, type VaultSession } from './vault-session';

export interface ListingCase {
  readonly label: string;
  readonly payload: ChannelInput<'documents:list'>;
}

export interface ExplainedStatement {
  readonly sql: string;
  readonly plan: readonly PlanLine[];
}

export interface ListingMeasurement {
  readonly label: string;
  /** The first call on a freshly opened vault: empty SQLite cache, nothing prepared. */
  readonly coldMs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  /** The same statements run directly on better-sqlite3, prepared once: the raw client. */
  readonly rawMedianMs: number;
  readonly rows: number;
  readonly total: number;
  readonly statements: readonly ExplainedStatement[];
  readonly concerns: readonly string[];
  readonly indexes: readonly string[];
}

/**
 * Times each listing through the router. Every case opens the vault afresh so
 * its first call is as cold as the app's first page after start-up (the OS
 * page cache stays warm: the bench cannot drop it without root tricks).
 */
export async function measureListings(dataDir: string, cases: readonly ListingCase[], runs: number): Promise<ListingMeasurement[]> {
  const out: ListingMeasurement[] = [];
  for (const listing of cases) {
    const session = await openVaultSession(dataDir);
    try {
      out.push(await measureListing(session, listing, runs));
    } finally {
      await session.close();
    }
  }
  return out;
}

async function measureListing(session: VaultSession, listing: ListingCase, runs: number): Promise<ListingMeasurement> {
  const call = () => session.call('documents:list', listing.payload);
  const coldStart = performance.now();
  const page = await call();
  const coldMs = performance.now() - coldStart;
  // The warm-up call doubles as the capture of what the core runs.
  const statements = await captureStatements(session.core.db, call);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  const explained = statements.map((s) => ({ sql: s.sql, plan: explainQueryPlan(session.core.db, s) }));
  return {
    label: listing.label,
    coldMs,
    medianMs: median(times),
    p95Ms: percentile(times, 95),
    rawMedianMs: timeRawStatements(session, statements, runs),
    rows: page.items.length,
    total: page.total,
    statements: explained,
    concerns: [...new Set(explained.flatMap((s) => planConcerns(s.plan)))],
    indexes: [...new Set(explained.flatMap((s) => indexesUsed(s.plan)))],
  };
}

function timeRawStatements(session: VaultSession, statements: readonly CapturedStatement[], runs: number): number {
  const prepared = statements
    .filter((s) => /^\s*SELECT/i.test(s.sql))
    .map((s) => ({ statement: session.core.db.prepare(s.sql), args: s.args }));
  const run = () => {
    for (const { statement, args } of prepared) statement.all(...args);
  };
  run(); // warm-up, as for the router
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function describePlans(measurement: ListingMeasurement): string {
  return measurement.statements.map((s) => `  ${s.sql.replace(/\s+/g, ' ')}\n${formatPlan(s.plan)}`).join('\n');
}
