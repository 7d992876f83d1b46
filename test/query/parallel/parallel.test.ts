/**
 * Parallel execution over a MergeTree table with several parts plus unflushed rows: random aggregate,
 * top-K and filtered-LIMIT queries give the same results with max_threads = 1 and 2; cancellation
 * (AbortSignal, KILL QUERY, max_execution_time) stops the workers' share; a dead worker fails only the
 * queries it served; the pool is reused across queries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scalar } from '../../../src/core/types.ts';
import { Database } from '../../../src/database.ts';
import { sharedPool, shutdownSharedPool } from '../../../query/parallel/pool.ts';

/** Small batches and no row threshold, so a small table spreads over many units and both workers. */
const PARALLEL = { merge_tree_min_rows_for_concurrent_read: 0, merge_tree_min_rows_per_thread: 0, max_block_size: 1000 };
const SERIAL = { ...PARALLEL, max_threads: 1 };
const TWO = { ...PARALLEL, max_threads: 2 };

let dir: string;
let db: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eddy-parallel-'));
  db = await Database.open({ dataDir: dir, flush: { maxRows: 1e9, maxAgeMs: 1e9 } });
  await db.execute({ sql: `CREATE TABLE t (k UInt32, g UInt8, x Int64, f Float64, s String, n Nullable(Int32)) ENGINE = MergeTree ORDER BY k` });
  for (let p = 0; p < 5; p++) {
    await db.execute({ sql: `INSERT INTO t SELECT number * 7919 % 1000 AS k, number % 5 AS g, number * 2654435761 % 10007 - 5000 AS x,
      number / 7 AS f, if(number % 4 = 0, '', toString(number % 301)) AS s, if(number % 9 = 0, NULL, toInt32(number % 113)) AS n
      FROM numbers(${p * 20000}, 20000)` });
    await db.flush();
  }
  // rows left in the in-memory segment are read on the main thread
  await db.execute({ sql: `INSERT INTO t SELECT number % 1000 AS k, number % 5 AS g, number AS x, 1.5 AS f, 'mem' AS s, NULL AS n FROM numbers(100000, 3000)` });
});

afterAll(async () => {
  await db.close();
  await shutdownSharedPool();
  rmSync(dir, { recursive: true, force: true });
});

async function rows(sql: string, settings: Record<string, number>): Promise<Scalar[][]> {
  return (await db.query(sql, { settings })).rows;
}

/** Rows with floats rounded (parallel float sums may differ in the last bits), optionally sorted. */
function normalize(rs: Scalar[][], sort: boolean): string[] {
  const out = rs.map((r) => JSON.stringify(r.map((v) => typeof v === 'bigint' ? `${v}n` : typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v)));
  return sort ? out.sort() : out;
}

/** A small seeded PRNG (mulberry32). */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const FILTERS = ['', 'WHERE x > 100', `WHERE s <> ''`, 'WHERE n IS NULL', 'WHERE k < 300 AND g <> 2', `WHERE s LIKE '%7%'`, 'WHERE f > 1e9'];
const AGGS = ['count()', 'sum(x)', 'min(s)', 'max(f)', 'avg(x)', 'uniqExact(s)', 'countIf(g = 1)', 'sumIf(x, n > 50)', 'min(n)', 'max(k)', 'sum(f)'];
const KEYS = ['', 'g', 's', 'g, k % 7', 'n'];
const ORDERS = ['x DESC', 's, k', 'g, f DESC', 'n NULLS FIRST, x', 'k'];
const pick = <T>(r: (n: number) => number, xs: readonly T[]): T => xs[r(xs.length)]!;

describe('parallel execution', () => {
  it('plans a Gather for big enough scans and only then', async () => {
    const plan = async (sql: string, settings: Record<string, number>) => (await rows(`EXPLAIN ${sql}`, settings)).map((r) => String(r[0])).join('\n');
    expect(await plan('SELECT g, count() FROM t GROUP BY g', TWO)).toMatch(/Gather threads: 2 \(units: \d+ in workers, 1 on the main thread, merge by key hash above 50000 groups\)[\s\S]*HashAggregate \(partial\)/);
    expect(await plan('SELECT sum(x) FROM t', TWO)).toMatch(/HashAggregate \(final\)[\s\S]*Gather threads: 2 \(units: \d+ in workers, 1 on the main thread\)[\s\S]*HashAggregate \(partial\)/);
    expect(await plan('SELECT g, count() AS c FROM t GROUP BY g HAVING c > 1 ORDER BY c DESC LIMIT 3', TWO)).toMatch(/TopK 3 by c DESC\n {2}Gather .*merge by key hash above 50000 groups \+ filter, project \+ TopK 3\)/);
    expect(await plan('SELECT g, count() FROM t GROUP BY g LIMIT 2 OFFSET 1', TWO)).toMatch(/Limit 2 offset 1\n {2}Gather .* \+ Limit 3\)/);
    expect(await plan('SELECT g, count() FROM t GROUP BY g', SERIAL)).not.toMatch(/Gather/);
    expect(await plan('SELECT g, count() FROM t GROUP BY g', { max_threads: 2 })).not.toMatch(/Gather/); // 103k rows < 163840
    // One worker per merge_tree_min_rows_per_thread rows (103k here), at most max_threads.
    expect(await plan('SELECT sum(x) FROM t', { ...TWO, merge_tree_min_rows_per_thread: 60000 })).toMatch(/Gather threads: 1 /);
    expect(await plan('SELECT sum(x) FROM t', { ...TWO, merge_tree_min_rows_per_thread: 50000 })).toMatch(/Gather threads: 2 /);
    expect(await plan('SELECT g, any(s) FROM t GROUP BY g', TWO)).not.toMatch(/Gather/); // order-dependent aggregate
    expect(await plan('SELECT * FROM t ORDER BY x LIMIT 3', TWO)).toMatch(/TopK 3[\s\S]*Gather/);
    expect(await plan('SELECT * FROM t WHERE x > 5 LIMIT 3', TWO)).toMatch(/Limit 3[\s\S]*Gather/);
  });

  it('a GROUP BY whose keys were nearly unique on its last run plans one worker; a pinned width ignores that', async () => {
    const WIDE = { ...TWO, merge_tree_min_rows_per_thread: 1 };
    const plan = async (sql: string, settings: Record<string, number>) => (await rows(`EXPLAIN ${sql}`, settings)).map((r) => String(r[0])).join('\n');
    const unique = 'SELECT f, count(), max(x) FROM t WHERE g < 5 GROUP BY f'; // f = number / 7: one group per row
    expect(await plan(unique, WIDE)).toMatch(/Gather threads: 2 /);
    const first = normalize(await rows(unique, WIDE), true);
    expect(await plan(unique, WIDE)).toMatch(/Gather threads: 1 /);
    expect(normalize(await rows(unique, WIDE), true)).toEqual(first);
    expect(await plan(unique, TWO)).toMatch(/Gather threads: 2 /);
    const few = 'SELECT g, count(), max(x) FROM t WHERE g < 5 GROUP BY g';
    await rows(few, WIDE);
    expect(await plan(few, WIDE)).toMatch(/Gather threads: 2 /);
  });

  it('random aggregates match max_threads = 1', async () => {
    const r = rng(42);
    for (let i = 0; i < 40; i++) {
      const keys = pick(r, KEYS);
      const aggs = Array.from({ length: 1 + r(3) }, () => pick(r, AGGS));
      const sql = `SELECT ${keys ? `${keys}, ` : ''}${aggs.join(', ')} FROM t ${pick(r, FILTERS)}${keys ? ` GROUP BY ${keys}` : ''}`;
      expect(normalize(await rows(sql, TWO), true), sql).toEqual(normalize(await rows(sql, SERIAL), true));
    }
  });

  it('aggregates merged by key hash in the workers match max_threads = 1 (HAVING, ORDER BY … LIMIT, LIMIT, LIMIT BY)', async () => {
    const HASHED = { ...TWO, group_by_two_level_threshold: 1 };
    const r = rng(5);
    const keySets = ['k', 'k, s', 's', 'x', 'f', 's, n', 'g, k % 7', 'n', 'toString(k) AS ks, g'];
    for (let i = 0; i < 20; i++) {
      const keys = pick(r, keySets);
      const aggs = Array.from({ length: 1 + r(3) }, () => pick(r, AGGS));
      const having = r(3) === 0 ? ' HAVING count() > 2' : '';
      const base = `SELECT ${keys}, count() AS c, ${aggs.join(', ')} FROM t ${pick(r, FILTERS)} GROUP BY ${keys.replace(/ AS \w+/, '')}${having}`;
      const all = normalize(await rows(base, SERIAL), true);
      expect(normalize(await rows(base, HASHED), true), base).toEqual(all);
      // One worker (with the main thread's in-memory share): its groups are never split.
      expect(normalize(await rows(base, { ...HASHED, merge_tree_min_rows_per_thread: 1e9 }), true), base).toEqual(all);
      // A total order over the groups (keys are unique per group), so ties cannot differ.
      const n = 1 + r(30);
      const order = `${base} ORDER BY c DESC, ${keys.replace(/^.* AS (\w+)/, '$1').split(', ').map((k) => `${k} NULLS FIRST`).join(', ')} LIMIT ${n}${r(2) ? ` OFFSET ${r(10)}` : ''}`;
      const serial = await db.execute({ sql: order, settings: SERIAL });
      const hashed = await db.execute({ sql: order, settings: HASHED });
      if (serial.kind !== 'rows' || hashed.kind !== 'rows') throw new Error('rows expected');
      const take = async (res: typeof serial) => { const out: string[] = []; for await (const b of res.kind === 'rows' ? res.batches : []) out.push(String(b.length)); return out; };
      await take(serial); await take(hashed);
      expect(hashed.progress.rowsBeforeLimit, order).toBe(serial.progress.rowsBeforeLimit);
      expect(normalize(await rows(order, HASHED), false), order).toEqual(normalize(await rows(order, SERIAL), false));
      // LIMIT without ORDER BY: any groups will do, but they must be groups of the full result.
      const some = normalize(await rows(`${base} LIMIT ${n}`, HASHED), false);
      expect(some.length, base).toBe(Math.min(n, all.length));
      for (const row of some) expect(all, base).toContain(row);
      const limitBy = `${base} ORDER BY c DESC, ${keys.replace(/^.* AS (\w+)/, '$1').split(', ').map((k) => `${k} NULLS FIRST`).join(', ')} LIMIT 2 BY c`;
      expect(normalize(await rows(limitBy, HASHED), false), limitBy).toEqual(normalize(await rows(limitBy, SERIAL), false));
    }
  });

  it('random top-K queries match max_threads = 1, ties included', async () => {
    const r = rng(7);
    for (let i = 0; i < 30; i++) {
      const cols = pick(r, ['*', 'k, s', 'x, n, f * 2 AS f2', 'g']);
      const sql = `SELECT ${cols} FROM t ${pick(r, FILTERS)} ORDER BY ${pick(r, ORDERS)} LIMIT ${1 + r(50)}${r(2) ? ` OFFSET ${r(20)}` : ''}`;
      expect(normalize(await rows(sql, TWO), false), sql).toEqual(normalize(await rows(sql, SERIAL), false));
    }
  });

  it('late-materialised top-K queries match reading every column, in workers and single-threaded', async () => {
    const EAGER = { query_plan_optimize_lazy_materialization: 0 };
    const explain = async (sql: string, settings: Record<string, number>) => (await rows(`EXPLAIN ${sql}`, settings)).map((r) => String(r[0])).join('\n');
    expect(await explain('SELECT * FROM t WHERE x > 5 ORDER BY f LIMIT 3', TWO)).toMatch(/LateMaterialize k, g, s, n from default\.t\n {2}TopK 3 by f, _unit, _row[\s\S]*Gather/);
    expect(await explain('SELECT * FROM t WHERE x > 5 ORDER BY f LIMIT 3', SERIAL)).toMatch(/LateMaterialize[\s\S]*Scan default\.t \[x, f\][\s\S]* \+ ordinals/);
    expect(await explain('SELECT * FROM t ORDER BY f LIMIT 3', { ...TWO, query_plan_max_limit_for_lazy_materialization: 2 })).not.toMatch(/LateMaterialize/);
    expect(await explain('SELECT x FROM t WHERE x > 5 ORDER BY x LIMIT 3', TWO)).not.toMatch(/LateMaterialize/); // nothing to fetch late
    const r = rng(11);
    for (let i = 0; i < 30; i++) {
      const cols = pick(r, ['*', 'k, s', 's, x * 2 AS x2, n', 'n, g']);
      const sql = `SELECT ${cols} FROM t ${pick(r, FILTERS)} ORDER BY ${pick(r, ORDERS)} LIMIT ${1 + r(50)}${r(2) ? ` OFFSET ${r(20)}` : ''}`;
      const expected = normalize(await rows(sql, { ...SERIAL, ...EAGER }), false);
      expect(normalize(await rows(sql, TWO), false), sql).toEqual(expected);
      expect(normalize(await rows(sql, SERIAL), false), sql).toEqual(expected);
    }
  });

  it('filtered LIMIT returns the rows of a single-threaded scan, in order', async () => {
    const r = rng(99);
    for (let i = 0; i < 20; i++) {
      const filter = pick(r, FILTERS.filter((f) => f !== ''));
      const sql = `SELECT k, x, s FROM t ${filter} LIMIT ${1 + r(5000)}${r(2) ? ` OFFSET ${r(3000)}` : ''}`;
      expect(normalize(await rows(sql, TWO), false), sql).toEqual(normalize(await rows(sql, SERIAL), false));
    }
  });

  /** Wait (bounded) until no query holds a worker session. */
  async function settled(): Promise<void> {
    const until = Date.now() + 3000;
    while (sharedPool().sessions > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(sharedPool().sessions).toBe(0);
  }

  it('reuses the pool across queries', async () => {
    await rows('SELECT sum(x) FROM t', TWO);
    const pool = sharedPool();
    const size = pool.size;
    expect(size).toBe(2);
    for (let i = 0; i < 5; i++) await rows('SELECT g, sum(x) FROM t GROUP BY g', TWO);
    expect(sharedPool()).toBe(pool);
    expect(pool.size).toBe(size);
    await settled();
  });

  /**
   * A query slow enough to be stopped midway on any machine (≈ 1 s of regex work per 100k rows, spread
   * over distinct per-row strings so no dictionary shortcut applies), in tiny batches.
   */
  const SLOW = `SELECT g, uniqExact(replaceRegexpAll(repeat(concat(s, toString(x), toString(f)), 20), '[0-9]', 'x')), count() FROM t GROUP BY g`;
  const SLOW_SETTINGS = { ...TWO, max_block_size: 50 };

  it('an AbortSignal stops the workers', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(db.query(SLOW, { settings: SLOW_SETTINGS, signal: controller.signal })).rejects.toMatchObject({ errorName: 'QUERY_WAS_CANCELLED' });
    await settled();
  });

  it('KILL QUERY stops the workers', async () => {
    const running = db.query(SLOW, { settings: SLOW_SETTINGS, queryId: 'parallel-kill' }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 30));
    await db.query(`KILL QUERY WHERE query_id = 'parallel-kill'`);
    expect(await running).toMatchObject({ errorName: 'QUERY_WAS_CANCELLED' });
    await settled();
  });

  it('max_execution_time stops the workers', async () => {
    await expect(db.query(SLOW, { settings: { ...SLOW_SETTINGS, max_execution_time: 0.05 } })).rejects.toMatchObject({ errorName: 'TIMEOUT_EXCEEDED' });
    await settled();
  });

  it('a dead worker fails its query; the next query gets fresh workers', async () => {
    const running = db.query(SLOW, { settings: SLOW_SETTINGS }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 30));
    await shutdownSharedPool();
    expect(String(await running)).toMatch(/worker thread exited/);
    const sql = 'SELECT g, count(), sum(x) FROM t GROUP BY g';
    expect(normalize(await rows(sql, TWO), true)).toEqual(normalize(await rows(sql, SERIAL), true));
  });

  it('keeps the event loop responsive during a parallel query', async () => {
    let last = performance.now();
    let stall = 0;
    const timer = setInterval(() => { const now = performance.now(); stall = Math.max(stall, now - last); last = now; }, 2);
    await rows('SELECT s, uniqExact(x), count() FROM t GROUP BY s', TWO);
    clearInterval(timer);
    expect(stall).toBeLessThan(500); // generous: the machine running the tests may be busy
  });
});
