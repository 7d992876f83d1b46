/**
 * DuckDB as the reference system of the ClickBench runner and the generator tests: create `hits`
 * with ClickBench's DuckDB DDL, load a TabSeparated file, run a query and get plain JS rows.
 *
 * The TSV is read as CSV with tab delimiter and no quoting or escaping; `\N` is the only NULL
 * spelling, so empty fields stay empty strings as in ClickHouse. (The generated data contains no
 * characters that TabSeparated would escape, so both readers see the same values.)
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

const SQL_DIR = new URL('./sql/', import.meta.url);

/** A DuckDB database and one connection to it. */
export interface DuckDB {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  /** Disconnect and close the database. */
  close(): void;
}

/** Open (or create) a DuckDB database; `:memory:` for an in-memory one. */
export async function openDuckDB(path = ':memory:', threads?: number): Promise<DuckDB> {
  const instance = await DuckDBInstance.create(path, threads === undefined ? {} : { threads: String(threads) });
  const connection = await instance.connect();
  return {
    instance,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Create `hits` (ClickBench's DuckDB DDL) and load the TabSeparated file at `tsvPath` into it. */
export async function loadHitsTsv(db: DuckDB, tsvPath: string): Promise<void> {
  await db.connection.run(readFileSync(new URL('duckdb-create.sql', SQL_DIR), 'utf8'));
  const path = tsvPath.replace(/'/g, "''");
  await db.connection.run(
    `COPY hits FROM '${path}' (FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', ESCAPE '', NULLSTR '\\N')`);
}

/** Result rows of `sql` as arrays of JS values (BIGINT as bigint, DATE/TIMESTAMP as DuckDB value objects). */
export async function duckQuery(db: DuckDB, sql: string): Promise<unknown[][]> {
  const reader = await db.connection.runAndReadAll(sql);
  return reader.getRows();
}
