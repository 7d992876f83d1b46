/**
 * The 43 ClickBench queries, in the ClickHouse dialect Eddy speaks (sql/queries.sql) and in DuckDB's
 * (sql/duckdb-queries.sql; they differ only in `length` → `STRLEN` for queries 28–29), one per line,
 * without the trailing semicolon.
 */
import { readFileSync } from 'node:fs';

const SQL_DIR = new URL('./sql/', import.meta.url);

function load(file: string): string[] {
  const queries = readFileSync(new URL(file, SQL_DIR), 'utf8').split('\n')
    .map((q) => q.trim().replace(/;$/, '')).filter((q) => q.length > 0);
  if (queries.length !== 43) throw new Error(`${file}: expected 43 queries, found ${queries.length}`);
  return queries;
}

/** The queries Eddy runs (ClickBench's ClickHouse queries.sql). */
export function eddyQueries(): string[] {
  return load('queries.sql');
}

/** The same queries in DuckDB's dialect. */
export function duckdbQueries(): string[] {
  return load('duckdb-queries.sql');
}
