import { describe, expect, it } from 'vitest';
import { makeType, T } from '../../src/core/types.ts';
import { EddyError } from '../../src/core/errors.ts';
import { checkError, checkQuery, resultLines } from './check.ts';
import { float64Text, renderValue } from './render.ts';
import { parseSlt, SltSyntaxError } from './slt-file.ts';

describe('parseSlt', () => {
  it('reads records, directives and comments', () => {
    const recs = parseSlt([
      '# comment', 'statement ok', 'CREATE TABLE t', '(a Int8)', '', 'flush', 'merge', 'restart', '',
      'statement error UNKNOWN_TABLE', 'SELECT 1', '', 'query IT rowsort', 'SELECT 1', '----', '1 a', '2 b', '',
      'query I', 'SELECT 1 WHERE 0', '', 'query error  ', 'SELECT x',
    ].join('\n'), 'f.slt');
    expect(recs.map((r) => [r.kind, r.line])).toEqual([
      ['statement', 2], ['flush', 6], ['merge', 7], ['restart', 8], ['statement', 10], ['query', 13], ['query', 19], ['query', 22],
    ]);
    expect(recs[0]).toMatchObject({ sql: 'CREATE TABLE t\n(a Int8)', error: null });
    expect(recs[5]).toMatchObject({ types: 'IT', sort: 'rowsort', expected: ['1 a', '2 b'], endLine: 17 });
    expect(recs[6]).toMatchObject({ expected: [] });
    expect((recs[7] as { error: { source: string } }).error.source).toBe('');
  });
  it('rejects malformed records with file:line', () => {
    expect(() => parseSlt('querry I\nSELECT 1', 'x.slt')).toThrow(SltSyntaxError);
    expect(() => parseSlt('query IX\nSELECT 1', 'x.slt')).toThrow(/x\.slt:1: bad column types/);
    expect(() => parseSlt('statement ok\nSELECT 1\n----\n1', 'x.slt')).toThrow(/x\.slt:3/);
  });
});

describe('rendering', () => {
  it('ClickHouse text forms', () => {
    expect(renderValue(18446744073709551615n, T.UInt64)).toBe('18446744073709551615');
    expect(renderValue(-1, T.Int8)).toBe('-1');
    expect(renderValue(0.1, T.Float64)).toBe('0.1');
    expect(renderValue(Math.fround(0.1), T.Float32)).toBe('0.1');
    expect([Infinity, -Infinity, NaN, -0, 1e21, 1e-7].map(float64Text)).toEqual(['inf', '-inf', 'nan', '-0', '1e21', '1e-7']);
    expect(renderValue(true, T.Bool)).toBe('true');
    expect(renderValue(15887, T.Date)).toBe('2013-07-01');
    expect(renderValue(1372680000, T.DateTime)).toBe('2013-07-01 12:00:00');
    expect(renderValue(1372680000, makeType('DateTime', { timezone: 'Europe/Moscow' }))).toBe('2013-07-01 16:00:00');
    expect(renderValue(1372680000123n, T.DateTime64)).toBe('2013-07-01 12:00:00.123');
    expect(renderValue(-1n, T.DateTime64)).toBe('1969-12-31 23:59:59.999');
    expect(renderValue('', T.String)).toBe('(empty)');
    expect(renderValue('a\tb\nc\\', T.String)).toBe('a\\tb\\nc\\\\');
    expect(renderValue(null, makeType('Int32', { nullable: true }))).toBe('NULL');
  });
  it('sort modes', () => {
    const schema = [{ name: 'a', type: T.Int32 }, { name: 'b', type: T.String }];
    const rows = [[2, 'x'], [1, 'y']];
    expect(resultLines(schema, rows, 'nosort')).toEqual(['2 x', '1 y']);
    expect(resultLines(schema, rows, 'rowsort')).toEqual(['1 y', '2 x']);
    expect(resultLines(schema, rows, 'valuesort')).toEqual(['1', '2', 'x', 'y']);
  });
});

describe('checks', () => {
  const q = parseSlt('query IT\nSELECT 1\n----\n1 a\n2 b', 'f.slt')[0] as Extract<ReturnType<typeof parseSlt>[number], { kind: 'query' }>;
  const schema = [{ name: 'n', type: T.UInt8 }, { name: 's', type: T.String }];
  it('passes on equal results', () => {
    expect(checkQuery(q, schema, [[1, 'a'], [2, 'b']])).toBeNull();
  });
  it('explains differences: values, column count, types', () => {
    expect(checkQuery(q, schema, [[1, 'a'], [3, 'b']])).toBe('result differs (expected 2 lines, got 2):\n      1 a\n    - 2 b\n    + 3 b');
    expect(checkQuery(q, [schema[0]!], [[1]])).toMatch(/expected 2 columns \(IT\), got 1 \(I\)/);
    expect(checkQuery(q, [schema[0]!, { name: 'f', type: T.Float64 }], [[1, 1], [2, 2]])).toMatch(/column 2 \(f\) is Float64, not T/);
  });
  it('matches errors against the ClickHouse exception line', () => {
    const e = new EddyError('UNKNOWN_TABLE', 'Table default.x does not exist');
    expect(checkError({ pattern: /UNKNOWN_TABLE/, source: 'UNKNOWN_TABLE' }, e)).toBeNull();
    expect(checkError({ pattern: /Code: 60\./, source: '' }, e)).toBeNull();
    expect(checkError({ pattern: /SYNTAX/, source: 'SYNTAX' }, e)).toMatch(/did not match \/SYNTAX\/:\n {4}Code: 60\. DB::Exception: Table default\.x does not exist\. \(UNKNOWN_TABLE\)/);
    expect(checkError(null, e)).toMatch(/^unexpected error/);
    expect(checkError({ pattern: /x/, source: 'x' }, undefined)).toMatch(/succeeded/);
    expect(checkError(null, undefined)).toBeNull();
  });
});
