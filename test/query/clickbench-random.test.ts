/**
 * Random ClickBench-shaped queries (test/support/hits-query-gen.ts) over 50,000 generated `hits`
 * rows (in 512-row granules), Eddy against DuckDB. Deterministic: query i is generated from seed SEED + i, and a mismatch
 * prints that seed, both SQL texts and both results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareQuery } from '../support/differential-query.ts';
import { loadHits, type LoadedHits } from '../support/hits-load.ts';
import { generateQuery, poolQueries, type GeneratedQuery, type HitsValuePools } from '../support/hits-query-gen.ts';

const ROWS = 50_000;
const SEED = 1_000_000;
const QUERIES = 500;
const PER_TEST = 25;
/** Small granules, so that key and min/max pruning cut inside parts. */
const GRANULARITY = 512;

describe(`random ClickBench-shaped queries vs DuckDB (${ROWS} rows)`, () => {
  let h: LoadedHits;
  let queries: GeneratedQuery[] = [];
  let eddyMs = 0;
  let duckMs = 0;
  let nonEmpty = 0;

  beforeAll(async () => {
    h = await loadHits({ rows: ROWS, seed: 7, inserts: 3, granularity: GRANULARITY });
    const pools: Record<string, (number | bigint | string)[]> = {};
    for (const [column, sql] of poolQueries()) {
      const rows = (await h.duck.connection.runAndReadAll(sql)).getRows();
      pools[column] = rows.map((r) => r[0] as number | bigint | string);
    }
    queries = Array.from({ length: QUERIES }, (_, i) => generateQuery(SEED + i, pools as HitsValuePools));
  }, 120_000);

  afterAll(async () => {
    console.log(`random queries: ${QUERIES}, ${nonEmpty} with rows; eddy ${(eddyMs / 1000).toFixed(1)} s, duckdb ${(duckMs / 1000).toFixed(1)} s`);
    await h?.close();
  });

  it.each(Array.from({ length: QUERIES / PER_TEST }, (_, i) => i * PER_TEST))('queries %i…', async (from) => {
    const mismatches: string[] = [];
    for (const q of queries.slice(from, from + PER_TEST)) {
      const r = await compareQuery(h.eddy, h.duck, `random query, seed ${q.seed}`, q.sql, q.duck);
      eddyMs += r.eddyMs;
      duckMs += r.refMs;
      if (r.eddyRows.length > 0) nonEmpty++;
      if (r.mismatch !== null) mismatches.push(r.mismatch);
    }
    if (mismatches.length > 0) console.error(mismatches.join('\n\n'));
    expect(mismatches.length, `${mismatches.length} of ${PER_TEST} queries differ`).toBe(0);
  });
});
