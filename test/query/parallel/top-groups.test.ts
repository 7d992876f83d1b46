/**
 * ORDER BY aggregates LIMIT over a GROUP BY, single-threaded and merged by key hash in the workers: the
 * best groups are picked from the aggregate values before key columns are built (top-groups.ts).
 * Rows and rows_before_limit must equal a top-K that reads every group, for string, composite and
 * Nullable keys.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scalarAt } from '../../../src/core/vector.ts';
import { Database } from '../../../src/database.ts';
import { shutdownSharedPool } from '../../../query/parallel/pool.ts';

const PARALLEL = { merge_tree_min_rows_for_concurrent_read: 0, merge_tree_min_rows_per_thread: 0, max_block_size: 1000 };
const SERIAL = { ...PARALLEL, max_threads: 1 };
const HASHED = { ...PARALLEL, max_threads: 2, group_by_two_level_threshold: 1 };

let dir: string;
let db: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eddy-top-groups-'));
  db = await Database.open({ dataDir: dir, flush: { maxRows: 1e9, maxAgeMs: 1e9 } });
  await db.execute({ sql: 'CREATE TABLE t (id UInt32, s String, g UInt8, n Nullable(String), x Int64) ENGINE = MergeTree ORDER BY id' });
  for (let p = 0; p < 4; p++) {
    await db.execute({ sql: `INSERT INTO t SELECT number AS id, concat('url/', toString(number * 7919 % 2003), '/', repeat('x', number % 37)) AS s,
      number % 3 AS g, if(number % 5 = 0, NULL, toString(number % 211)) AS n, number % 101 - 50 AS x FROM numbers(${p * 15000}, 15000)` });
    await db.flush();
  }
});

afterAll(async () => {
  await db.close();
  await shutdownSharedPool();
  rmSync(dir, { recursive: true, force: true });
});

async function run(sql: string, settings: Record<string, number>): Promise<{ rows: string[]; beforeLimit: number | undefined }> {
  const res = await db.execute({ sql, settings });
  if (res.kind !== 'rows') throw new Error('rows expected');
  const rows: string[] = [];
  for await (const b of res.batches) {
    for (let i = 0; i < b.length; i++) rows.push(JSON.stringify(b.columns.map((c) => String(scalarAt(c, i)))));
  }
  return { rows, beforeLimit: res.progress.rowsBeforeLimit };
}


describe('top-K over aggregates', () => {
  it('picks the same groups single-threaded and in the workers as a top-K reading every group', async () => {
    // Each query, and the same with a group key added as the last sort key: it never changes the order
    // (min(id) is unique per group) but makes the top-K read keys, so no group is picked early.
    const queries: [string, string, string][] = [
      ['SELECT s, count() AS c, min(id) AS m FROM t GROUP BY s ORDER BY c DESC, m', 'LIMIT 10', 's'],
      ['SELECT s, count() AS c, min(id) AS m FROM t GROUP BY s ORDER BY c DESC, m', 'LIMIT 7 OFFSET 40', 's'],
      ['SELECT g, s, count() AS c, sum(x) AS sx, min(id) AS m FROM t GROUP BY g, s ORDER BY sx * 2 + 1 DESC, m', 'LIMIT 12', 'g'],
      ['SELECT 1, n, count() AS c, min(id) AS m FROM t GROUP BY 1, n ORDER BY c, m DESC', 'LIMIT 5', 'n'],
      ['SELECT n AS k, s, min(id) AS m FROM t WHERE g = 1 GROUP BY n, s ORDER BY m DESC', 'LIMIT 9 OFFSET 3', 's'],
      ['SELECT s, count() AS c, min(id) AS m FROM t GROUP BY s ORDER BY c DESC, m', 'LIMIT 100000', 's'], // keeps every group
      // Aggregates carried along, evaluated for the picked groups only (evaluateAt): exact, float and Nullable sums and averages.
      [`SELECT g, s, count() AS c, min(id) AS m, sum(x) AS sx, avg(x) AS ax, sum(x / 3) AS sf, avg(id / 7) AS af,
        sum(if(g = 1, NULL, x)) AS sn, avg(if(g = 2, NULL, x)) AS an, count(n) AS cn FROM t GROUP BY g, s ORDER BY c DESC, m`, 'LIMIT 10', 'g'],
    ];
    for (const [q, limit, key] of queries) {
      const sql = `${q} ${limit}`;
      const reference = await run(`${q}, ${key} ${limit}`, SERIAL);
      const serial = await run(sql, SERIAL);
      const hashed = await run(sql, HASHED);
      expect(serial.rows, sql).toEqual(reference.rows);
      expect(serial.beforeLimit, sql).toBe(reference.beforeLimit);
      expect(hashed.rows, sql).toEqual(reference.rows);
      expect(hashed.beforeLimit, sql).toBe(reference.beforeLimit);
    }
  });
});
