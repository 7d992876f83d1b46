/**
 * A formatted INSERT is all-or-nothing however large; with max_insert_block_size set, each chunk of
 * that many rows is its own atomic write and a failing insert keeps the whole chunks before the bad row
 * (ClickHouse's rule). Either way every row of a good payload arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/database.ts';
import { BLOCK_ROWS } from '../../ingest/decoders/index.ts';

let dir: string;
let db: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eddy-insert-chunks-'));
  db = await Database.open({ dataDir: dir, logger: { info() {}, warn() {} } });
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `rows` CSV lines `i,s<i>`, the last one malformed when `badLast`, streamed in pieces. */
async function* csv(rows: number, badLast: boolean): AsyncIterable<Uint8Array> {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(badLast && i === rows - 1 ? 'not a number,x\n' : `${i},s${i}\n`);
  const bytes = Buffer.from(lines.join(''));
  for (let at = 0; at < bytes.length; at += 100_003) yield bytes.subarray(at, at + 100_003);
}

async function count(table: string): Promise<number> {
  return Number((await db.query(`SELECT count() FROM ${table}`)).rows[0]![0]);
}

async function insert(table: string, rows: number, badLast: boolean, chunkRows?: number): Promise<unknown> {
  return db.execute({
    sql: `INSERT INTO ${table} FORMAT CSV`, data: csv(rows, badLast),
    ...(chunkRows !== undefined ? { settings: { max_insert_block_size: chunkRows } } : {}),
  });
}

describe('INSERT payload chunks', () => {
  it('writes every row of a payload larger than one chunk', async () => {
    await db.execute({ sql: 'CREATE TABLE ok (i UInt32, s String) ENGINE = MergeTree ORDER BY i' });
    const rows = 2 * BLOCK_ROWS + 123;
    const r = await insert('ok', rows, false, BLOCK_ROWS);
    expect(r).toMatchObject({ kind: 'done', progress: { writtenRows: rows } });
    expect(await count('ok')).toBe(rows);
    expect(Number((await db.query('SELECT sum(i) FROM ok')).rows[0]![0])).toBe((rows * (rows - 1)) / 2);
  });

  it('keeps the chunks written before a bad row', async () => {
    await db.execute({ sql: 'CREATE TABLE partial (i UInt32, s String) ENGINE = MergeTree ORDER BY i' });
    await expect(insert('partial', 3 * BLOCK_ROWS + 123, true, BLOCK_ROWS)).rejects.toThrow();
    // Whole chunks only; the decoder may find the bad row before it hands over the chunk in front of it.
    const kept = await count('partial');
    expect(kept).toBeGreaterThanOrEqual(BLOCK_ROWS);
    expect(kept).toBeLessThan(3 * BLOCK_ROWS);
    expect(kept % BLOCK_ROWS).toBe(0);
  });

  it('writes nothing when a payload larger than one piece has a bad row and no block size is set', async () => {
    await db.execute({ sql: 'CREATE TABLE whole (i UInt32, s String) ENGINE = MergeTree ORDER BY i' });
    await expect(insert('whole', 3 * BLOCK_ROWS + 123, true)).rejects.toThrow(/row/);
    expect(await count('whole')).toBe(0);
  });

  it('writes nothing when a payload within one chunk has a bad row', async () => {
    await db.execute({ sql: 'CREATE TABLE atomic (i UInt32, s String) ENGINE = MergeTree ORDER BY i' });
    await expect(insert('atomic', 2 * BLOCK_ROWS + 123, true)).rejects.toThrow();
    expect(await count('atomic')).toBe(0);
  });
});
