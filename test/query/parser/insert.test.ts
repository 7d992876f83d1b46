import { describe, expect, it } from 'vitest';
import { parseInsertHeader, parseStatement, parseValuesRows } from '../../../query/parser/index.ts';
import { sx } from './sexpr.ts';

describe('INSERT', () => {
  it('VALUES: dataOffset at the first tuple, data not read', () => {
    const sql = 'INSERT INTO db.t (a, b) VALUES (1, \'x\'), (2, \'unterminated';
    expect(parseStatement(sql)).toEqual({
      kind: 'Insert', database: 'db', table: 't', columns: ['a', 'b'], format: 'Values', dataOffset: sql.indexOf('(1'), pos: 0,
    });
  });
  it('FORMAT: dataOffset after the name and one whitespace', () => {
    const sql = 'INSERT INTO TABLE t FORMAT CSV\n1,2\n3,4\n';
    expect(parseStatement(sql)).toMatchObject({ table: 't', format: 'CSV', dataOffset: sql.indexOf('1,2') });
    const noData = 'INSERT INTO t FORMAT JSONEachRow';
    expect(parseStatement(noData)).toMatchObject({ format: 'JSONEachRow', dataOffset: noData.length });
    expect(parseStatement('INSERT INTO t FORMAT TSV ')).toMatchObject({ dataOffset: 25 });
  });
  it('SETTINGS before the data', () => {
    expect(parseStatement('INSERT INTO t SETTINGS async_insert = 1 VALUES (1)')).toMatchObject({ settings: { async_insert: 1 }, format: 'Values' });
  });
  it('INSERT ... SELECT', () => {
    const s = parseStatement('INSERT INTO t (a) SELECT number FROM numbers(3)');
    expect(s).toMatchObject({ kind: 'Insert', columns: ['a'], select: { kind: 'Select' }, dataOffset: 47 });
    expect(parseStatement('INSERT INTO t WITH 1 AS x SELECT x')).toMatchObject({ select: { kind: 'Select' } });
    expect(parseStatement('INSERT INTO t (SELECT 1)')).toMatchObject({ select: { kind: 'Select' } });
  });
  it('parseInsertHeader: null until the header is complete', () => {
    expect(parseInsertHeader('INSERT INTO t FORM')).toBeNull();
    expect(parseInsertHeader('INSERT INTO t FORMAT CSV')).toBeNull();
    expect(parseInsertHeader('INSERT INTO t VALUES')).toBeNull();
    expect(parseInsertHeader("INSERT INTO t SETTINGS x = 'abc")).toBeNull();
    expect(parseInsertHeader('INSERT INTO t /* comment')).toBeNull();
    expect(parseInsertHeader('INSERT INTO t SELECT 1')).toBeNull();
    expect(parseInsertHeader('INSERT INTO t FORMAT CSV\n1,')).toMatchObject({ format: 'CSV', dataOffset: 25 });
    expect(parseInsertHeader('INSERT INTO t VALUES (1, \'a')).toMatchObject({ format: 'Values', dataOffset: 21 });
    expect(() => parseInsertHeader('INSERT INTO t WHERE x')).toThrow(/Syntax error/);
    expect(() => parseInsertHeader('SELECT 1')).toThrow(/Expected INSERT/);
    expect(parseInsertHeader('INSERT INTO hi')).toBeNull();
  });
  it('parseValuesRows reads tuples as expressions', () => {
    const text = "INSERT INTO t VALUES (1, 'a', -2.5, NULL, [1, 2], now()) (2, 'b''c', 1 + 1, toDate('2020-01-01'), [], x), (3); SELECT 1";
    const { rows, end } = parseValuesRows(text, text.indexOf('('));
    expect(rows.map((r) => r.map(sx))).toEqual([
      ['1', "'a'", '-2.5', 'null', '[1, 2]', 'now()'],
      ['2', "'b'c'", 'plus(1, 1)', "toDate('2020-01-01')", '[]', 'x'],
      ['3'],
    ]);
    expect(text.slice(end)).toBe('; SELECT 1');
    expect(() => parseValuesRows('(1) junk', 0)).toThrow(/Syntax error/);
  });
});
