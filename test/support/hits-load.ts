/**
 * Load one generated ClickBench `hits` data set into Eddy and into DuckDB for differential tests.
 *
 * Eddy gets ClickBench's create.sql (unmodified unless a granularity is asked for), then the rows as
 * TabSeparated text through `INSERT INTO hits FORMAT TabSeparated` in several inserts, each streamed
 * in pieces cut at arbitrary bytes (rows split across pieces); the table is flushed after the first
 * inserts only, so queries read parts and the in-memory segment together. DuckDB gets ClickBench's
 * DuckDB DDL (bench/clickbench/sql/duckdb-create.sql, a copy of duckdb/create.sql) and the same text.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLICKBENCH_DIR } from './shared-dir.ts';
import { loadHitsTsv, openDuckDB, type DuckDB } from '../../bench/clickbench/duckdb.ts';
import { HitsModel } from '../../bench/hits/model.ts';
import { hitsTsv } from '../../bench/hits/tsv.ts';
import { Database } from '../../src/database.ts';

export { CLICKBENCH_DIR };

/** What to load. */
export interface HitsLoadOptions {
  readonly rows: number;
  readonly seed: number;
  /** Number of INSERT statements (default 4). */
  readonly inserts?: number;
  /** Flush after each of the first this many inserts (default inserts − 2, at least 1). */
  readonly flushes?: number;
  /** Rows per granule: added to create.sql's SETTINGS (default: create.sql unmodified). */
  readonly granularity?: number;
}

/** Both databases holding the same `hits` rows. */
export interface LoadedHits {
  readonly eddy: Database;
  readonly duck: DuckDB;
  /** Close both and delete the files. */
  close(): Promise<void>;
}

const PIECE_BYTES = 1_000_003; // not a multiple of anything a decoder might align to

async function* pieces(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) yield bytes.subarray(at, at + PIECE_BYTES);
}

/** Generate the data set and load it into a fresh Eddy database and an in-memory DuckDB. */
export async function loadHits(options: HitsLoadOptions): Promise<LoadedHits> {
  const { rows, seed } = options;
  const inserts = options.inserts ?? 4;
  const flushes = options.flushes ?? Math.max(1, inserts - 2);
  const dir = mkdtempSync(join(tmpdir(), 'eddy-clickbench-'));
  const tsvPath = join(dir, 'hits.tsv');
  const eddy = await Database.open({
    dataDir: join(dir, 'eddy'),
    flush: { maxRows: 1 << 30, maxBytes: 2 ** 40, maxAgeMs: 24 * 3600_000 }, // flush only when told
    logger: { info() {}, warn(msg) { console.warn(msg); } },
  });
  let duck: DuckDB | undefined;
  try {
    const create = readFileSync(join(CLICKBENCH_DIR, 'create.sql'), 'utf8');
    await eddy.execute({
      sql: options.granularity === undefined ? create : create.replace(/\bSETTINGS\s/, `SETTINGS index_granularity = ${options.granularity}, `),
    });
    const model = new HitsModel({ rows, seed });
    for (let i = 0; i < inserts; i++) {
      const start = Math.floor((rows * i) / inserts);
      const end = Math.floor((rows * (i + 1)) / inserts);
      const tsv = hitsTsv(model, start, end);
      appendFileSync(tsvPath, tsv);
      const r = await eddy.execute({ sql: 'INSERT INTO hits FORMAT TabSeparated', data: pieces(tsv) });
      if (r.kind !== 'done' || r.progress.writtenRows !== end - start) {
        throw new Error(`insert ${i} wrote ${r.kind === 'done' ? r.progress.writtenRows : '?'} of ${end - start} rows`);
      }
      if (i < flushes) await eddy.flush();
    }
    duck = await openDuckDB(':memory:');
    await loadHitsTsv(duck, tsvPath);
    rmSync(tsvPath);
  } catch (e) {
    duck?.close();
    await eddy.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const loadedDuck = duck;
  return {
    eddy,
    duck: loadedDuck,
    async close() {
      loadedDuck.close();
      await eddy.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The lines of one of ClickBench's query files (`queries.sql` or `duckdb/queries.sql`). */
export function clickbenchQueries(file: string): string[] {
  return readFileSync(join(CLICKBENCH_DIR, file), 'utf8').split('\n').map((q) => q.trim()).filter((q) => q.length > 0);
}
