/**
 * The ClickBench differential suite: the 43 queries of ClickBench's queries.sql sent to Eddy
 * unmodified, DuckDB running ClickBench's own DuckDB versions, over one generated `hits` data set.
 *
 * Some queries cannot return rows on a small data set whatever the data (HAVING COUNT(*) > 100000,
 * large OFFSETs); when both systems agree such a query is empty, its scaled-down variant (same SQL
 * with the threshold or offset shrunk, on both sides) is compared too and must return rows. Every
 * other query must return rows. Where ClickBench's ClickHouse 18.16 version of a query is spelled
 * differently, that text is compared as well. Timings of both systems are printed at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareQuery } from './differential-query.ts';
import { clickbenchQueries, loadHits, type LoadedHits } from './hits-load.ts';

/** Scaled-down variants: [query number, text to replace, replacement]. */
const SCALED: ReadonlyArray<readonly [number, RegExp, string]> = [
  [28, /HAVING COUNT\(\*\) > 100000/, 'HAVING COUNT(*) > 100'],
  [29, /HAVING COUNT\(\*\) > 100000/, 'HAVING COUNT(*) > 100'],
  [39, /OFFSET 1000;?$/, 'OFFSET 10'],
  [40, /OFFSET 1000;?$/, 'OFFSET 10'],
  [41, /OFFSET 100;?$/, 'OFFSET 5'],
  [42, /OFFSET 10000;?$/, 'OFFSET 10'],
  [43, /OFFSET 1000;?$/, 'OFFSET 10'],
];

/** Define the suite over `rows` rows generated with `seed`. */
export function clickbenchSuite(rows: number, seed: number, inserts = 4): void {
  const eddySql = clickbenchQueries('queries.sql');
  const duckSql = clickbenchQueries('duckdb/queries.sql');
  const oldSql = clickbenchQueries('clickhouse-18.16/queries.sql');
  const timings: string[] = [];
  let h: LoadedHits;

  /** Compare one query, and its scaled variant when it returns no rows (which only those may do). */
  const check = async (n: number, label: string, sql: string): Promise<void> => {
    const full = `ClickBench ${label} (${rows} rows, seed ${seed})`;
    const r = await compareQuery(h.eddy, h.duck, full, sql, duckSql[n - 1]!);
    timings.push(`${label}: ${r.eddyMs.toFixed(0)} ms / ${r.refMs.toFixed(0)} ms, ${r.eddyRows.length} rows`);
    if (r.mismatch !== null) console.error(r.mismatch);
    expect(r.mismatch).toBeNull();
    if (r.eddyRows.length > 0) return;
    const scaled = SCALED.find(([q]) => q === n);
    expect(scaled, `${full} returned no rows`).toBeDefined();
    const [, from, to] = scaled!;
    const v = await compareQuery(h.eddy, h.duck, `${full}, scaled`, sql.replace(from, to), duckSql[n - 1]!.replace(from, to));
    timings.push(`${label} scaled: ${v.eddyMs.toFixed(0)} ms / ${v.refMs.toFixed(0)} ms, ${v.eddyRows.length} rows`);
    if (v.mismatch !== null) console.error(v.mismatch);
    expect(v.mismatch).toBeNull();
    expect(v.eddyRows.length, `${full}: the scaled variant returned no rows`).toBeGreaterThan(0);
  };

  describe(`ClickBench queries vs DuckDB (${rows.toLocaleString('en-US')} rows, seed ${seed})`, () => {
    beforeAll(async () => {
      const t = performance.now();
      h = await loadHits({ rows, seed, inserts });
      timings.push(`load: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }, Math.max(120_000, rows / 2));

    afterAll(async () => {
      console.log(`ClickBench ${rows} rows — times (eddy / duckdb):\n${timings.join('\n')}`);
      await h?.close();
    });

    it('has the 43 queries in all three dialects', () => {
      expect(eddySql).toHaveLength(43);
      expect(duckSql).toHaveLength(43);
      expect(oldSql).toHaveLength(43);
    });

    it.each(eddySql.map((sql, i) => [i + 1, sql] as const))('Q%i matches: %s', async (n, sql) => {
      await check(n, `Q${n}`, sql);
      // ClickBench's ClickHouse 18.16 spelling where it differs (replaceRegexpOne, toStartOfMinute)
      const old = oldSql[n - 1]!;
      if (old.replace(/;$/, '') !== sql.replace(/;$/, '')) await check(n, `Q${n} (ClickHouse 18.16 text)`, old);
    }, Math.max(60_000, rows / 10));
  });
}
