/** The summary table printed at the end of a run. */

export type Verdict = 'pass' | 'FAIL' | 'info';

export interface ResultRow {
  readonly metric: string;
  readonly measured: string;
  readonly target: string;
  readonly verdict: Verdict;
}

export function judge(ok: boolean): Verdict {
  return ok ? 'pass' : 'FAIL';
}

export function printTable(rows: readonly ResultRow[]): void {
  const header: ResultRow = { metric: 'metric', measured: 'measured', target: 'target', verdict: 'info' };
  const widths = {
    metric: Math.max(header.metric.length, ...rows.map((r) => r.metric.length)),
    measured: Math.max(header.measured.length, ...rows.map((r) => r.measured.length)),
    target: Math.max(header.target.length, ...rows.map((r) => r.target.length)),
  };
  const line = (r: ResultRow, verdict: string) =>
    `${r.metric.padEnd(widths.metric)}  ${r.measured.padEnd(widths.measured)}  ${r.target.padEnd(widths.target)}  ${verdict}`;
  const ruler = '-'.repeat(widths.metric + widths.measured + widths.target + 12);
  console.log(ruler);
  console.log(line(header, 'result'));
  console.log(ruler);
  for (const row of rows) console.log(line(row, row.verdict === 'info' ? '-' : row.verdict));
  console.log(ruler);
}

export function section(title: string): void {
  console.log(`\n== ${title}`);
}
