/**
 * ClickBench bookkeeping: the per-system result JSON (ClickBench's format: load_time and data_size
 * plus three timings per query, null for a failed or wrong answer), hot times, ClickBench's relative
 * score and the summary table.
 *
 * Relative score (as on benchmark.clickhouse.com): per query, (t + 10 ms) / (t_best + 10 ms) with
 * t the system's hot time and t_best the best hot time of all systems, then the geometric mean over
 * the queries. A query without a time counts as {@link FAILED_SECONDS}.
 */

/** What one system did in one run of the benchmark. */
export interface SystemResult {
  readonly system: string;
  /** ClickBench tags of the system, e.g. `column-oriented`. */
  readonly tags: readonly string[];
  /** Seconds to load the data, null when the load was skipped. */
  readonly loadTime: number | null;
  /** Bytes on disk after the load, null when unknown. */
  readonly dataSize: number | null;
  /** Per query, the seconds of each run (null: failed, wrong, or not run). */
  readonly times: readonly (readonly (number | null)[])[];
}

/** Seconds charged for a query with no valid time. */
export const FAILED_SECONDS = 300;

/** The ClickBench result document of one system. */
export function clickbenchJson(r: SystemResult, rows: number, machine: string): Record<string, unknown> {
  return {
    system: r.system,
    date: new Date().toISOString().slice(0, 10),
    machine,
    cluster_size: 1,
    comment: `generated hits data (bench/hits), ${rows} rows`,
    tags: r.tags,
    load_time: r.loadTime,
    data_size: r.dataSize,
    result: r.times,
  };
}

/** Hot time of a query: the best of runs 2 and 3 (run 1 is the cold run), null if neither has a time. */
export function hotTime(runs: readonly (number | null)[]): number | null {
  const hot = runs.slice(1).filter((t): t is number => t !== null);
  return hot.length > 0 ? Math.min(...hot) : null;
}

/** ClickBench's relative score of each system (1.0 = best on every query; lower is better). */
export function relativeScores(systems: readonly SystemResult[], queries: readonly number[]): number[] {
  const logSums = systems.map(() => 0);
  for (const q of queries) {
    const hot = systems.map((s) => hotTime(s.times[q] ?? []) ?? FAILED_SECONDS);
    const best = Math.min(...hot);
    hot.forEach((t, i) => { logSums[i]! += Math.log((t + 0.01) / (best + 0.01)); });
  }
  return logSums.map((sum) => (queries.length > 0 ? Math.exp(sum / queries.length) : 1));
}

/** A text table: per query the hot time of each system, the first system's ratio to the second, and a status. */
export function summaryTable(systems: readonly SystemResult[], queries: readonly number[],
  status: ReadonlyMap<number, string>): string {
  const fmt = (t: number | null): string => (t === null ? '—' : t.toFixed(3));
  const header = ['query', ...systems.map((s) => `${s.system} hot s`), systems.length > 1 ? `${systems[0]!.system}/${systems[1]!.system}` : '', 'check'];
  const rows = queries.map((q) => {
    const hot = systems.map((s) => hotTime(s.times[q] ?? []));
    const ratio = hot[0] != null && hot[1] != null && hot[1] > 0 ? `${(hot[0] / hot[1]).toFixed(2)}×` : '—';
    return [`Q${q + 1}`, ...hot.map(fmt), systems.length > 1 ? ratio : '', status.get(q) ?? ''];
  });
  const scores = relativeScores(systems, queries);
  rows.push(['score', ...scores.map((s) => s.toFixed(2)), '', 'relative, geometric mean']);
  rows.push(['load s', ...systems.map((s) => fmt(s.loadTime)), '', '']);
  rows.push(['size MB', ...systems.map((s) => (s.dataSize === null ? '—' : (s.dataSize / 1e6).toFixed(0))), '', '']);
  const table = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...table.map((r) => (r[c] ?? '').length)));
  return table.map((r) => r.map((cell, c) => (c === 0 || c === r.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}
