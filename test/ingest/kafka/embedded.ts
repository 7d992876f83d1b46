/**
 * An embedded Database in a fresh temp directory for the in-process Kafka tests, with the table the
 * tests ingest into and helpers to read back totals.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../../src/database.ts';

const quiet = { info: (): void => {}, warn: (): void => {} };

/** A database under a temp directory; `close()` also deletes the directory. */
export interface TempDatabase {
  readonly dir: string;
  db: Database;
  /** Close and open again on the same directory. */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

/** Open a database in a new temp directory and create `events (id UInt64, v Int64, s String)`. */
export async function tempDatabase(): Promise<TempDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'eddy-kafka-'));
  const t: TempDatabase = {
    dir,
    db: await Database.open({ dataDir: dir, logger: quiet }),
    reopen: async () => {
      await t.db.close();
      t.db = await Database.open({ dataDir: dir, logger: quiet });
    },
    close: async () => {
      await t.db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await t.db.execute({ sql: 'CREATE TABLE events (id UInt64, v Int64, s String) ENGINE = MergeTree ORDER BY id' });
  return t;
}

/** count(), uniqExact(id), sum(v) of `table`. */
export async function totals(db: Database, table = 'events'): Promise<{ count: number; uniq: number; sum: bigint }> {
  const row = (await db.query(`SELECT count(), uniqExact(id), sum(v) FROM ${table}`)).rows[0]!;
  return { count: Number(row[0]), uniq: Number(row[1]), sum: BigInt(row[2] as bigint) };
}
