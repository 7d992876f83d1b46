/**
 * The embedded API: `import { open } from 'eddy'`.
 *
 * ```ts
 * const db = await open('./data');
 * await db.query('CREATE TABLE t (a UInt32, s String) ENGINE = MergeTree ORDER BY a');
 * await db.insert('t', [{ a: 1, s: 'x' }]);
 * const rows = await db.query('SELECT * FROM t');   // [{ a: 1, s: 'x' }]
 * await db.close();
 * ```
 */
import * as arrow from 'apache-arrow';
import { Database, type ExecuteRequest, type OpenOptions } from './database.ts';
import type { Scalar } from './core/types.ts';
import { toEddyError } from './core/errors.ts';

export { Database } from './database.ts';
export { EddyError } from './core/errors.ts';
export { createServer } from './server/http-server.ts';

/** Options for one embedded query. */
export type QueryOptions = Omit<ExecuteRequest, 'sql'>;

/** An open embedded database. */
export interface EddyDatabase {
  /** Run a statement; rows come back as objects keyed by column name (empty for DDL and INSERT). */
  query(sql: string, opts?: QueryOptions): Promise<Record<string, Scalar>[]>;
  /** Insert JS objects (keyed by column name) or an Arrow table into `table` (`db.table` allowed). */
  insert(table: string, rows: readonly Record<string, unknown>[] | arrow.Table): Promise<{ writtenRows: number }>;
  /** Close the database. */
  close(): Promise<void>;
  /** The underlying Database. */
  readonly database: Database;
}

function splitName(table: string): { database: string; name: string } {
  const i = table.indexOf('.');
  return i < 0 ? { database: 'default', name: table } : { database: table.slice(0, i), name: table.slice(i + 1) };
}

/** Open (or create) an embedded Eddy database in a directory. */
export async function open(dataDirOrOptions: string | OpenOptions): Promise<EddyDatabase> {
  const db = await Database.open(typeof dataDirOrOptions === 'string' ? { dataDir: dataDirOrOptions } : dataDirOrOptions);
  return {
    database: db,
    async query(sql, opts) {
      const { schema, rows } = await db.query(sql, opts);
      return rows.map((r) => Object.fromEntries(schema.map((f, i) => [f.name, r[i] ?? null])));
    },
    async insert(table, rows) {
      const { database, name } = splitName(table);
      if (!(rows instanceof arrow.Table)) return db.insertRows(name, rows, database);
      const data = (async function* () { yield arrow.tableToIPC(rows, 'stream'); })();
      try {
        const r = await db.execute({ sql: `INSERT INTO \`${database}\`.\`${name}\` FORMAT ArrowStream\n`, data });
        return { writtenRows: r.progress.writtenRows };
      } catch (e) {
        throw toEddyError(e);
      }
    },
    close: () => db.close(),
  };
}
