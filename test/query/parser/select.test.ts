import { describe, expect, it } from 'vitest';
import type { Join, Select, Union } from '../../../query/parser/ast.ts';
import { parseStatement } from '../../../query/parser/index.ts';
import { sx } from './sexpr.ts';

const sel = (sql: string) => parseStatement(sql) as Select;

describe('SELECT', () => {
  it('select list with aliases', () => {
    const sql = 'SELECT a, b AS x, c y, count(*) AS "Q", `k` FROM t';
    const s = sel(sql);
    expect(s.items.map((i) => [sx(i.expr), i.alias])).toEqual([
      ['a', undefined], ['b', 'x'], ['c', 'y'], ['count()', 'Q'], ['k', undefined],
    ]);
    expect(s.distinct).toBe(false);
    expect(s.from).toEqual({ kind: 'TableName', name: 't', pos: sql.length - 1 });
  });

  it('DISTINCT, star, qualified star', () => {
    const s = sel('SELECT DISTINCT *, t.* FROM db.t AS t');
    expect(s.distinct).toBe(true);
    expect(s.items.map((i) => sx(i.expr))).toEqual(['*', 't.*']);
    expect(s.from).toMatchObject({ kind: 'TableName', database: 'db', name: 't', alias: 't' });
  });

  it('all clauses', () => {
    const s = sel(`SELECT a, count() c FROM t WHERE x > 1 GROUP BY a, 2 HAVING c > 10
      ORDER BY c DESC, a ASC NULLS FIRST, b NULLS LAST LIMIT 2 BY a LIMIT 10 OFFSET 5 SETTINGS max_threads = 1, s = 'x' FORMAT JSON`);
    expect(sx(s.where!)).toBe('greater(x, 1)');
    expect(s.groupBy!.map(sx)).toEqual(['a', '2']);
    expect(sx(s.having!)).toBe('greater(c, 10)');
    expect(s.orderBy!.map((o) => [sx(o.expr), o.desc, o.nullsFirst])).toEqual([
      ['c', true, undefined], ['a', false, true], ['b', false, false],
    ]);
    expect(sx(s.limitBy!.count)).toBe('2');
    expect(s.limitBy!.by.map(sx)).toEqual(['a']);
    expect(sx(s.limit!)).toBe('10');
    expect(sx(s.offset!)).toBe('5');
    expect(s.settings).toEqual({ max_threads: 1, s: 'x' });
    expect(s.format).toBe('JSON');
  });

  it('LIMIT m, n and standalone OFFSET', () => {
    let s = sel('SELECT 1 LIMIT 5, 10');
    expect([sx(s.limit!), sx(s.offset!)]).toEqual(['10', '5']);
    s = sel('SELECT 1 OFFSET 3 ROWS');
    expect([s.limit, sx(s.offset!)]).toEqual([undefined, '3']);
    s = sel('SELECT 1 ORDER BY 1 LIMIT 1, 2 BY x');
    expect([sx(s.limitBy!.offset!), sx(s.limitBy!.count)]).toEqual(['1', '2']);
  });

  it('WITH: expressions and CTEs', () => {
    const s = sel('WITH 1 + 1 AS two, q AS (SELECT 1), (SELECT 2) AS sc SELECT two FROM q');
    expect(s.with!.map((w) => [w.kind, w.name])).toEqual([['ExprCte', 'two'], ['QueryCte', 'q'], ['ExprCte', 'sc']]);
  });

  it('FROM subquery, table function, numbers(n)', () => {
    expect(sel('SELECT * FROM (SELECT 1) AS s').from).toMatchObject({ kind: 'SubqueryTable', alias: 's' });
    expect(sel('SELECT * FROM (SELECT 1) s').from).toMatchObject({ kind: 'SubqueryTable', alias: 's' });
    expect(sel('SELECT number FROM numbers(10)').from).toMatchObject({ kind: 'TableFunction', name: 'numbers', args: [{ value: 10 }] });
    expect(sel('SELECT number FROM numbers(1, 10) n').from).toMatchObject({ kind: 'TableFunction', alias: 'n' });
  });

  it('joins', () => {
    const j = (sql: string) => sel(sql).from as Join;
    expect(j('SELECT * FROM a JOIN b ON a.x = b.x')).toMatchObject({ joinType: 'inner', left: { name: 'a' }, right: { name: 'b' } });
    expect(j('SELECT * FROM a INNER JOIN b USING (x, y)').using).toEqual(['x', 'y']);
    expect(j('SELECT * FROM a LEFT OUTER JOIN b USING x').using).toEqual(['x']);
    expect(j('SELECT * FROM a LEFT JOIN b ON 1').joinType).toBe('left');
    expect(j('SELECT * FROM a RIGHT JOIN b ON 1').joinType).toBe('right');
    expect(j('SELECT * FROM a FULL OUTER JOIN b ON 1').joinType).toBe('full');
    expect(j('SELECT * FROM a ALL INNER JOIN b ON 1').joinType).toBe('inner');
    expect(j('SELECT * FROM a CROSS JOIN b')).toMatchObject({ joinType: 'cross' });
    expect(j('SELECT * FROM a, b')).toMatchObject({ joinType: 'cross' });
    const three = j('SELECT * FROM a AS x JOIN b AS y ON x.k = y.k LEFT JOIN c ON c.k = y.k');
    expect(three).toMatchObject({ joinType: 'left', left: { kind: 'Join', left: { alias: 'x' }, right: { alias: 'y' } }, right: { name: 'c' } });
    expect(sx(three.on!)).toBe('equals(c.k, y.k)');
  });

  it('UNION ALL / DISTINCT; trailing clauses apply to the union', () => {
    const u = parseStatement('SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 ORDER BY 1 LIMIT 2 FORMAT TSV') as Union;
    expect(u.kind).toBe('Union');
    expect(u.queries).toHaveLength(3);
    expect(u.distinct).toBeUndefined();
    expect(sx(u.orderBy![0]!.expr)).toBe('1');
    expect(sx(u.limit!)).toBe('2');
    expect(u.format).toBe('TSV');
    expect((u.queries[2] as Select).limit).toBeUndefined();
    const mixed = parseStatement('SELECT 1 UNION ALL SELECT 2 UNION DISTINCT SELECT 3') as Union;
    expect(mixed).toMatchObject({ distinct: true, queries: [{ kind: 'Union', queries: [{}, {}] }, { kind: 'Select' }] });
    const paren = parseStatement('(SELECT 1 LIMIT 1) UNION ALL (SELECT 2 LIMIT 1) LIMIT 1') as Union;
    expect(paren.queries.map((q) => sx((q as Select).limit!))).toEqual(['1', '1']);
    expect(sx(paren.limit!)).toBe('1');
  });

  it('keywords as column names where unambiguous', () => {
    const s = sel('SELECT date, interval, Title, URL, Age, Sex, Params, OS, value, key, type, `from` FROM t');
    expect(s.items.map((i) => sx(i.expr))).toEqual(['date', 'interval', 'Title', 'URL', 'Age', 'Sex', 'Params', 'OS', 'value', 'key', 'type', 'from']);
  });

  it('parameters and trailing semicolon', () => {
    const s = sel('SELECT * FROM t WHERE id = {id:UInt64} AND s = {s: String};');
    expect(sx(s.where!)).toBe('and(equals(id, {id:UInt64}), equals(s, {s:String}))');
  });
});
