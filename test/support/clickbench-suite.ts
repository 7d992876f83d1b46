/**
 * The ClickBench differential suite: the 43 queries of ClickBench's queries.sql sent to Eddy
 * unmodified, DuckDB running ClickBench's own DuckDB versions, over one generated `hits` data set.
 *
 * Some queries cannot return rows on a small data set whatever the data (HAVING COUNT(*) > 100000,
 * large OFFSETs); when both systems agree such a query is empty, its scaled-down variant (same SQL
 * with the threshold or offset shrunk, on both sides) is compared too and must return rows. Every
 * other query must return rows. Timings of both systems are printed at the end.
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
  const timings: string[] = [];
  let h: LoadedHits;

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

    it('has the 43 queries in both dialects', () => {
      expect(eddySql).toHaveLength(43);
      expect(duckSql).toHaveLength(43);
    });

    it.each(eddySql.map((sql, i) => [i + 1, sql] as const))('Q%i matches: %s', async (n, sql) => {
      const label = `ClickBench Q${n} (${rows} rows, seed ${seed})`;
      const r = await compareQuery(h.eddy, h.duck, label, sql, duckSql[n - 1]!);
      timings.push(`Q${n}: ${r.eddyMs.toFixed(0)} ms / ${r.refMs.toFixed(0)} ms, ${r.eddyRows.length} rows`);
      if (r.mismatch !== null) console.error(r.mismatch);
      expect(r.mismatch).toBeNull();
      const scaled = SCALED.find(([q]) => q === n);
      if (r.eddyRows.length > 0) return;
      expect(scaled, `${label} returned no rows`).toBeDefined();
      const [, from, to] = scaled!;
      const v = await compareQuery(h.eddy, h.duck, `${label}, scaled`, sql.replace(from, to), duckSql[n - 1]!.replace(from, to));
      timings.push(`Q${n} scaled: ${v.eddyMs.toFixed(0)} ms / ${v.refMs.toFixed(0)} ms, ${v.eddyRows.length} rows`);
      if (v.mismatch !== null) console.error(v.mismatch);
      expect(v.mismatch).toBeNull();
      expect(v.eddyRows.length, `${label}: the scaled variant returned no rows`).toBeGreaterThan(0);
    }, Math.max(60_000, rows / 10));
  });
}
