/**
 * The random differential suite: queries from hits-query-gen.ts over one generated `hits` data set
 * (loaded in small granules, so that key and min/max pruning cut inside parts), Eddy against DuckDB.
 * Deterministic: query i is generated from seed `firstSeed + i` with value pools read from the data,
 * and a mismatch prints that seed, both SQL texts and both results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareQuery } from './differential-query.ts';
import { loadHits, type LoadedHits } from './hits-load.ts';
import { generateQuery, poolQueries, type GeneratedQuery, type HitsValuePools } from './hits-query-gen.ts';

/** What the suite runs. */
export interface RandomSuiteOptions {
  readonly rows: number;
  /** Seed of the data set. */
  readonly dataSeed: number;
  /** Seed of the first query. */
  readonly firstSeed: number;
  readonly queries: number;
  /** Rows per granule. */
  readonly granularity: number;
  /** Queries per vitest test. */
  readonly perTest?: number;
}

/** Define the suite. */
export function randomQuerySuite(o: RandomSuiteOptions): void {
  const perTest = o.perTest ?? 25;
  describe(`random ClickBench-shaped queries vs DuckDB (${o.rows.toLocaleString('en-US')} rows, seeds ${o.firstSeed}…)`, () => {
    let h: LoadedHits;
    let queries: GeneratedQuery[] = [];
    let eddyMs = 0;
    let duckMs = 0;
    let nonEmpty = 0;

    beforeAll(async () => {
      h = await loadHits({ rows: o.rows, seed: o.dataSeed, inserts: 3, granularity: o.granularity });
      const pools: Record<string, (number | bigint | string)[]> = {};
      for (const [column, sql] of poolQueries()) {
        const rows = (await h.duck.connection.runAndReadAll(sql)).getRows();
        pools[column] = rows.map((r) => r[0] as number | bigint | string);
      }
      queries = Array.from({ length: o.queries }, (_, i) => generateQuery(o.firstSeed + i, pools as HitsValuePools));
    }, Math.max(120_000, o.rows / 2));

    afterAll(async () => {
      console.log(`random queries: ${o.queries}, ${nonEmpty} with rows; eddy ${(eddyMs / 1000).toFixed(1)} s, duckdb ${(duckMs / 1000).toFixed(1)} s`);
      await h?.close();
    });

    it.each(Array.from({ length: Math.ceil(o.queries / perTest) }, (_, i) => i * perTest))('queries %i…', async (from) => {
      const mismatches: string[] = [];
      for (const q of queries.slice(from, from + perTest)) {
        const r = await compareQuery(h.eddy, h.duck, `random query, seed ${q.seed} (data: ${o.rows} rows, seed ${o.dataSeed})`, q.sql, q.duck);
        eddyMs += r.eddyMs;
        duckMs += r.refMs;
        if (r.eddyRows.length > 0) nonEmpty++;
        if (r.mismatch !== null) mismatches.push(r.mismatch);
      }
      if (mismatches.length > 0) console.error(mismatches.join('\n\n'));
      expect(mismatches.length, `${mismatches.length} of ${perTest} queries differ`).toBe(0);
    }, Math.max(60_000, o.rows / 5));
  });
}
