/**
 * Differential test: random filter / group-by / aggregate queries over generated data run on Eddy
 * (MemoryTable) and on DuckDB; results must match (order-insensitive where there is no ORDER BY).
 * A mismatch prints the seed, the SQL and both results.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scalar } from '../../src/core/types.ts';
import { context, rows, table } from './engine/helpers.ts';

const SEED = 20240601;
const N = 4000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
}

const rand = rng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const data: Scalar[][] = Array.from({ length: N }, () => [
  int(0, 20), BigInt(int(-1e9, 1e9)) * 1000n + BigInt(int(0, 999)), int(0, 255), `v${int(0, 9)}`, Math.round(rand() * 1e6) / 100, int(-5, 5),
]);
const t = table('t', { a: 'Int32', b: 'Int64', c: 'UInt8', s: 'String', f: 'Float64', g: 'Int16' }, data, 700);
const ctx = context([t]);

function predicate(): string {
  const atoms = [
    () => `a > ${int(0, 20)}`, () => `c <= ${int(0, 255)}`, () => `s = 'v${int(0, 9)}'`, () => `s <> 'v${int(0, 9)}'`,
    () => `a BETWEEN ${int(0, 10)} AND ${int(10, 20)}`, () => `g IN (${int(-5, 5)}, ${int(-5, 5)}, ${int(-5, 5)})`,
    () => `f < ${int(0, 10000)}`, () => `b >= ${int(-1e9, 1e9)}000`, () => `(a + g) % 3 = 0`, () => `NOT (c > ${int(0, 255)})`,
  ];
  const n = int(1, 3);
  const parts = Array.from({ length: n }, () => pick(atoms)());
  return parts.join(pick([' AND ', ' OR ']));
}

function query(): string {
  const keys = pick([[], ['a'], ['s'], ['b % 7'], ['a', 's'], ['g', 'c % 4'], ['s', 'g', 'a % 2']]);
  const aggs = Array.from({ length: int(1, 4) }, () => pick(['count()', 'sum(a)', 'sum(b)', 'min(f)', 'max(b)', 'min(s)', 'max(c)', 'avg(f)', 'sum(g)', 'count(DISTINCT s)']));
  const where = rand() < 0.7 ? ` WHERE ${predicate()}` : '';
  const group = keys.length > 0 ? ` GROUP BY ${keys.join(', ')}` : '';
  return `SELECT ${[...keys, ...aggs].join(', ')} FROM t${where}${group}`;
}

function norm(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(10);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

const canon = (rs: unknown[][]) => rs.map((r) => r.map(norm).join('|')).sort();

describe('differential vs DuckDB', () => {
  let conn: Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>['connect']>>;
  beforeAll(async () => {
    const inst = await DuckDBInstance.create(':memory:');
    conn = await inst.connect();
    await conn.run('CREATE TABLE t (a INTEGER, b BIGINT, c UTINYINT, s VARCHAR, f DOUBLE, g SMALLINT)');
    for (let i = 0; i < N; i += 1000) {
      const vals = data.slice(i, i + 1000).map((r) => `(${r[0]}, ${r[1]}, ${r[2]}, '${r[3]}', ${r[4]}, ${r[5]})`).join(',');
      await conn.run(`INSERT INTO t VALUES ${vals}`);
    }
  });
  afterAll(() => { conn?.closeSync?.(); });

  const queries = Array.from({ length: 50 }, query);
  it.each(queries.map((q, i) => [i, q] as const))('query %i: %s', async (_i, sql) => {
    const ours = await rows(sql, ctx);
    const duck = (await conn.runAndReadAll(sql)).getRows() as unknown[][];
    const a = canon(ours); const b = canon(duck);
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      console.error(`seed ${SEED}\n${sql}\neddy: ${a.slice(0, 10).join('\n')}\nduckdb: ${b.slice(0, 10).join('\n')}`);
    }
    expect(a).toEqual(b);
  });

  it('ordered TopK query matches', async () => {
    const sql = 'SELECT s, a, count() AS n FROM t GROUP BY s, a ORDER BY n DESC, s, a LIMIT 7';
    const ours = (await rows(sql, ctx)).map((r) => r.map(norm).join('|'));
    const duck = ((await conn.runAndReadAll(sql)).getRows() as unknown[][]).map((r) => r.map(norm).join('|'));
    expect(ours).toEqual(duck);
  });
});
