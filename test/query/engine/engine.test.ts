import { describe, expect, it } from 'vitest';
import { findScalar } from '../../../query/functions/registry.ts';
import { context, explain, rows, run, table } from './helpers.ts';

const hits = table('hits', { id: 'UInt32', region: 'Int32', user: 'Int64', phrase: 'String', d: 'Date', w: 'Nullable(Float64)', lc: 'LowCardinality(String)' },
  Array.from({ length: 3000 }, (_, i) => [i, i % 7, BigInt(i % 11) * 1000000000000n, i % 5 === 0 ? '' : `p${i % 13}`, 15887 + (i % 30), i % 9 === 0 ? null : i / 10, `c${i % 4}`]), 500);
const dims = table('dims', { region: 'Int32', name: 'String' }, [[0, 'zero'], [1, 'one'], [2, 'two'], [3, 'three'], [9, 'nine']]);
const ctx = context([hits, dims]);

const sortRows = (r: unknown[][]) => r.map((x) => JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))).sort();

describe('select and filter', () => {
  it('projects, filters and computes', async () => {
    const r = await run('SELECT id, id * 2 AS x FROM hits WHERE id < 3 ORDER BY id', ctx);
    expect(r.names).toEqual(['id', 'x']);
    expect(r.rows).toEqual([[0, 0n], [1, 2n], [2, 4n]]);
  });
  it('SELECT without FROM and literals typed like ClickHouse', async () => {
    const r = await run("SELECT 1, 300, -1, 'a', 1.5, 18446744073709551615", ctx);
    expect(r.types).toEqual(['UInt8', 'UInt16', 'Int8', 'String', 'Float64', 'UInt64']);
    expect(r.rows).toEqual([[1, 300, -1, 'a', 1.5, 18446744073709551615n]]);
  });
  it('converts date strings in comparisons and prunes with ranges', async () => {
    expect(await rows("SELECT count() FROM hits WHERE d >= '2013-07-01' AND d <= '2013-07-02'", ctx)).toEqual([[200n]]);
    const lines = explain('SELECT count() FROM hits WHERE id >= 2600', ctx);
    expect(lines.join('\n')).toMatch(/parts 1\/6/);
  });
  it('IN lists, IN subqueries and scalar subqueries', async () => {
    expect(await rows('SELECT count() FROM hits WHERE region IN (1, 2, -5)', ctx)).toEqual([[858n]]);
    expect(await rows("SELECT count() FROM hits WHERE phrase IN ('p1', 'p2')", ctx)).toEqual([[370n]]);
    expect(await rows('SELECT count() FROM hits WHERE region NOT IN (SELECT region FROM dims)', ctx)).toEqual([[1284n]]);
    expect(await rows('SELECT (SELECT max(id) FROM hits) + 1', ctx)).toEqual([[3000n]]);
  });
  it('parameters', async () => {
    const c = context([hits], {}, { r: '3' });
    expect(await rows('SELECT count() FROM hits WHERE region = {r:Int32}', c)).toEqual([[429n]]);
    await expect(run('SELECT {zz:Int32}', c)).rejects.toThrow(/zz/);
  });
  it('CASE, CAST and aliases in WHERE', async () => {
    const r = await rows("SELECT CASE WHEN id = 0 THEN 'z' ELSE 'nz' END AS k, count() AS c FROM hits WHERE c2 < 2 GROUP BY k ORDER BY k", context([table('hits', { id: 'UInt8', c2: 'UInt8' }, [[0, 0], [1, 1], [2, 5]])]));
    expect(r).toEqual([['nz', 1n], ['z', 1n]]);
  });
});

describe('aggregation', () => {
  it('no GROUP BY, also over no rows', async () => {
    expect(await rows('SELECT count(), sum(id), min(id), max(id) FROM hits', ctx)).toEqual([[3000n, 4498500n, 0, 2999]]);
    expect(await rows('SELECT count() FROM hits WHERE id > 10000', ctx)).toEqual([[0n]]);
    expect(await rows('SELECT region, count() FROM hits WHERE id > 10000 GROUP BY region', ctx)).toEqual([]);
  });
  it('single integer key', async () => {
    const r = await rows('SELECT region, count() AS c FROM hits GROUP BY region ORDER BY region', ctx);
    expect(r.length).toBe(7);
    expect(r[0]).toEqual([0, 429n]);
  });
  it('64-bit key, string key, dictionary key, nullable float key, multi key', async () => {
    expect((await rows('SELECT user, count() FROM hits GROUP BY user', ctx)).length).toBe(11);
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) if (i % 5 !== 0) counts.set(`p${i % 13}`, (counts.get(`p${i % 13}`) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 2).map(([k, c]) => [k, BigInt(c)]);
    expect(await rows("SELECT phrase, count() c FROM hits WHERE phrase <> '' GROUP BY phrase ORDER BY c DESC, phrase LIMIT 2", ctx)).toEqual(top);
    expect(await rows('SELECT lc, count() FROM hits GROUP BY lc ORDER BY lc', ctx)).toEqual([['c0', 750n], ['c1', 750n], ['c2', 750n], ['c3', 750n]]);
    const nulls = await rows('SELECT w IS NULL AS n, count() FROM hits GROUP BY w IS NULL ORDER BY n', ctx);
    expect(nulls).toEqual([[0, 2666n], [1, 334n]]);
    expect((await rows('SELECT region, phrase, count() FROM hits GROUP BY region, phrase', ctx)).length).toBe(7 * 13 + 7);
  });
  it('GROUP BY position and HAVING', async () => {
    expect(await rows('SELECT region % 2, count() FROM hits GROUP BY 1 HAVING count() > 1500 ORDER BY 1', ctx)).toEqual([[0, 1714n]]);
  });
  it('COUNT(DISTINCT) and avg', async () => {
    expect(await rows('SELECT count(DISTINCT region), avg(id) FROM hits', ctx)).toEqual([[7n, 1499.5]]);
  });
  it('errors: NOT_AN_AGGREGATE, ILLEGAL_AGGREGATION, UNKNOWN_IDENTIFIER, UNKNOWN_TABLE', async () => {
    await expect(run('SELECT id, count() FROM hits', ctx)).rejects.toMatchObject({ errorName: 'NOT_AN_AGGREGATE', message: expect.stringContaining('id') });
    await expect(run('SELECT sum(count()) FROM hits', ctx)).rejects.toMatchObject({ errorName: 'ILLEGAL_AGGREGATION' });
    await expect(run('SELECT id FROM hits WHERE sum(id) > 1', ctx)).rejects.toMatchObject({ errorName: 'ILLEGAL_AGGREGATION' });
    await expect(run('SELECT nope FROM hits', ctx)).rejects.toMatchObject({ errorName: 'UNKNOWN_IDENTIFIER', message: expect.stringMatching(/nope.*hits/) });
    await expect(run('SELECT 1 FROM missing', ctx)).rejects.toMatchObject({ errorName: 'UNKNOWN_TABLE' });
  });
});

describe('order, limit, distinct', () => {
  it('TopK with offset, NULLS LAST, rows_before_limit', async () => {
    const r = await run('SELECT id, w FROM hits ORDER BY w DESC LIMIT 3 OFFSET 1', ctx);
    expect(r.rows).toEqual([[2998, 299.8], [2996, 299.6], [2995, 299.5]]); // 2997 % 9 = 0: NULL, sorted last
    expect(r.stats.rowsBeforeLimit).toBe(3000);
    expect(explain('SELECT id FROM hits ORDER BY id LIMIT 3', ctx)[0]).toMatch(/^TopK 3/);
    const last = await rows('SELECT w FROM hits WHERE id < 10 ORDER BY w', ctx);
    expect(last[last.length - 1]).toEqual([null]);
  });
  it('multi-key sort with strings', async () => {
    const r = await rows('SELECT phrase, id FROM hits WHERE id < 30 ORDER BY phrase DESC, id LIMIT 3', ctx);
    expect(r).toEqual([['p9', 9], ['p9', 22], ['p8', 8]]);
  });
  it('sorts by a column not selected', async () => {
    expect(await rows('SELECT region FROM hits WHERE id < 5 ORDER BY id DESC', ctx)).toEqual([[4], [3], [2], [1], [0]]);
  });
  it('DISTINCT and LIMIT BY', async () => {
    expect(await rows('SELECT DISTINCT region FROM hits ORDER BY region LIMIT 3', ctx)).toEqual([[0], [1], [2]]);
    expect((await rows('SELECT region, id FROM hits ORDER BY id LIMIT 2 BY region', ctx)).length).toBe(14);
  });
  it('settings limit/offset and max_block_size', async () => {
    expect(await rows('SELECT id FROM hits ORDER BY id', context([hits], { limit: 2, offset: 1 }))).toEqual([[1], [2]]);
    expect((await rows('SELECT id FROM hits ORDER BY id', context([hits], { max_block_size: 7 }))).length).toBe(3000);
  });
});

describe('joins, unions, subqueries', () => {
  it('inner and left join with ON and USING', async () => {
    const inner = await rows('SELECT h.id, d.name FROM hits AS h INNER JOIN dims AS d ON h.region = d.region WHERE h.id < 4 ORDER BY h.id', ctx);
    expect(inner).toEqual([[0, 'zero'], [1, 'one'], [2, 'two'], [3, 'three']]);
    const left = await rows('SELECT id, name FROM hits LEFT JOIN dims USING (region) WHERE id IN (4, 5) ORDER BY id', ctx);
    expect(left).toEqual([[4, ''], [5, '']]);
  });
  it.skipIf(!findScalar('CAST') && !findScalar('_CAST'))('UNION ALL unifies types (needs CAST)', async () => {
    const r = await run('SELECT 1 AS x UNION ALL SELECT -300 ORDER BY x', ctx);
    expect(r.types).toEqual(['Int16']);
    expect(r.rows).toEqual([[-300], [1]]);
  });
  it('UNION ALL; FROM subquery; CTEs', async () => {
    expect(await rows('SELECT id FROM hits WHERE id < 2 UNION ALL SELECT id FROM hits WHERE id = 7 ORDER BY id', ctx)).toEqual([[0], [1], [7]]);
    expect(await rows('SELECT max(c) FROM (SELECT region, count() AS c FROM hits GROUP BY region)', ctx)).toEqual([[429n]]);
    expect(await rows('WITH t AS (SELECT id FROM hits WHERE id < 3) SELECT sum(id) FROM t', ctx)).toEqual([[3n]]);
    expect(await rows('WITH 2 AS two SELECT count() FROM hits WHERE id < two', ctx)).toEqual([[2n]]);
  });
  it('numbers() table function', async () => {
    expect(await rows('SELECT sum(number) FROM numbers(10)', ctx)).toEqual([[45n]]);
    expect(await rows('SELECT number FROM numbers(1000000000) WHERE number > 5 LIMIT 2', ctx)).toEqual([[6n], [7n]]);
  });
});

describe('limits', () => {
  it('cancellation, memory and time limits', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(run('SELECT count() FROM hits', { ...ctx, signal: ac.signal })).rejects.toMatchObject({ errorName: 'QUERY_WAS_CANCELLED' });
    await expect(run('SELECT id, count() FROM hits GROUP BY id', context([hits], { max_memory_usage: 1000 }))).rejects.toMatchObject({ errorName: 'MEMORY_LIMIT_EXCEEDED' });
  });
  it('exact 64-bit values', async () => {
    const t = table('b', { x: 'UInt64', y: 'Int64' }, [[18446744073709551615n, -9223372036854775808n], [1n, 9223372036854775807n]]);
    const c = context([t]);
    expect(await rows('SELECT x, y FROM b ORDER BY x', c)).toEqual([[1n, 9223372036854775807n], [18446744073709551615n, -9223372036854775808n]]);
    expect(await rows('SELECT x, count() FROM b WHERE x = 18446744073709551615 GROUP BY x', c)).toEqual([[18446744073709551615n, 1n]]);
  });
});

describe('order-insensitive helper sanity', () => {
  it('group by returns every group once', async () => {
    const r = await rows('SELECT region FROM hits GROUP BY region', ctx);
    expect(sortRows(r)).toEqual(sortRows([[0], [1], [2], [3], [4], [5], [6]]));
  });
});
