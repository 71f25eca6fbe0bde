import type { Database, Statement } from 'better-sqlite3';

export interface CapturedStatement {
  readonly sql: string;
  readonly args: readonly unknown[];
}

type Runner = (...args: unknown[]) => unknown;

/**
 * Records every SQL statement (with its bound arguments) that `action` runs on
 * `db`, by wrapping `prepare` for the duration of the call. The bench then
 * explains and replays exactly what the core ran, instead of a copy of its SQL
 * that could drift from the repository.
 */
export async function captureStatements(db: Database, action: () => Promise<unknown>): Promise<CapturedStatement[]> {
  const captured: CapturedStatement[] = [];
  const original = db.prepare;
  const wrapped = (sql: string): Statement => {
    const statement = original.call(db, sql) as Statement;
    const target = statement as unknown as Record<'all' | 'get' | 'run' | 'iterate', Runner>;
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const run = target[method].bind(statement) as Runner;
      target[method] = (...args: unknown[]) => {
        captured.push({ sql, args });
        return run(...args);
      };
    }
    return statement;
  };
  db.prepare = wrapped as Database['prepare'];
  try {
    await action();
  } finally {
    db.prepare = original;
  }
  return captured;
}

export interface PlanLine {
  readonly id: number;
  readonly parent: number;
  readonly detail: string;
}

export function explainQueryPlan(db: Database, statement: CapturedStatement): PlanLine[] {
  return db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.args) as PlanLine[];
}

/** The plan as SQLite's shell prints it: an indented tree. */
export function formatPlan(plan: readonly PlanLine[], indent = '    '): string {
  const depth = new Map<number, number>([[0, 0]]);
  return plan
    .map((line) => {
      const level = (depth.get(line.parent) ?? 0) + 1;
      depth.set(line.id, level);
      return `${indent}${'  '.repeat(level - 1)}${line.detail}`;
    })
    .join('\n');
}

/**
 * What to worry about in a plan: a scan of `documents` that uses no index at
 * all, or sorting in a temporary B-tree (the whole match set is sorted before
 * the first row can be returned).
 */
export function planConcerns(plan: readonly PlanLine[]): string[] {
  const concerns: string[] = [];
  for (const { detail } of plan) {
    if (/^SCAN documents$/.test(detail)) concerns.push('full table scan of documents');
    if (/USE TEMP B-TREE FOR ORDER BY/.test(detail)) concerns.push('sorts in a temporary B-tree');
  }
  return concerns;
}

/** The index names a plan uses, for a one-line confirmation. */
export function indexesUsed(plan: readonly PlanLine[]): string[] {
  const names = new Set<string>();
  for (const { detail } of plan) {
    for (const match of detail.matchAll(/(?:USING (?:COVERING )?INDEX|USING INTEGER PRIMARY KEY) ?(\w*)/g)) {
      names.add(match[1] || 'rowid');
    }
    if (/VIRTUAL TABLE INDEX/.test(detail)) names.add('fts5');
  }
  return [...names];
}
