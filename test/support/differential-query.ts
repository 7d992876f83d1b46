/**
 * Run one query on Eddy and its reference version on DuckDB, time both, and compare the results
 * (result-diff.ts). The reference SQL gets the sort keys the query does not select appended to its
 * select list, so ties can be judged.
 */
import type { DuckDB } from '../../bench/clickbench/duckdb.ts';
import type { Database } from '../../src/database.ts';
import { orderSpec, withHiddenKeys, withoutLimit } from './order-spec.ts';
import { duckCells, eddyCells, type CellRow } from './result-cells.ts';
import { diffResults, rowsText } from './result-diff.ts';

/** Outcome of one differential query. */
export interface QueryComparison {
  /** A printable description of the mismatch (with SQL and both results), or null when they agree. */
  readonly mismatch: string | null;
  readonly eddyRows: readonly CellRow[];
  readonly eddyMs: number;
  readonly refMs: number;
}

/** Run `sql` on Eddy and `refSql` on DuckDB and compare. `label` heads a mismatch message (query number, seed). */
export async function compareQuery(eddy: Database, duck: DuckDB, label: string, sql: string, refSql: string): Promise<QueryComparison> {
  let t = performance.now();
  let result;
  try {
    result = await eddy.query(sql);
  } catch (e) {
    const err = e as Error;
    return { mismatch: `${label}\nSQL: ${sql}\nEddy failed: ${err.message}`, eddyRows: [], eddyMs: 0, refMs: 0 };
  }
  const eddyMs = performance.now() - t;
  const eddyRows = eddyCells(result.schema, result.rows);
  const columns = result.schema.map((f) => f.name);
  const spec = orderSpec(sql, columns);
  const keyedRef = withHiddenKeys(refSql, orderSpec(refSql, columns));
  t = performance.now();
  const ref = duckCells(await duck.connection.runAndReadAll(keyedRef));
  const refMs = performance.now() - t;
  const why = await diffResults({
    eddy: eddyRows, ref, spec,
    wholeRef: async () => duckCells(await duck.connection.runAndReadAll(withoutLimit(keyedRef))),
  });
  const mismatch = why === null ? null
    : `${label}\nSQL: ${sql}\nDuckDB SQL: ${keyedRef}\n${why}\neddy (${eddyRows.length} rows):\n${rowsText(eddyRows)}\n` +
      `duckdb (${ref.length} rows):\n${rowsText(ref)}`;
  return { mismatch, eddyRows, eddyMs, refMs };
}
