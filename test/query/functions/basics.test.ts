import { describe, expect, it } from 'vitest';
import { typeName } from '../../../src/core/types.ts';
import { EddyError } from '../../../src/core/errors.ts';
import { agg, call, cst, dictOf, vec } from './helpers.ts';

describe('arithmetic', () => {
  it('promotes types like ClickHouse', () => {
    expect(typeName(call('plus', [vec('UInt8', [1]), vec('UInt8', [2])]).type)).toBe('UInt16');
    expect(typeName(call('plus', [vec('Int32', [1]), vec('Int64', [2])]).type)).toBe('Int64');
    expect(typeName(call('minus', [vec('UInt8', [1]), vec('UInt8', [2])]).type)).toBe('Int16');
    expect(typeName(call('divide', [vec('Int8', [1]), vec('Int8', [2])]).type)).toBe('Float64');
    expect(typeName(call('multiply', [vec('Float32', [1]), vec('Int8', [2])]).type)).toBe('Float64');
    expect(typeName(call('negate', [vec('UInt8', [1])]).type)).toBe('Int16');
    expect(typeName(call('plus', [vec('Nullable(Int8)', [1]), vec('Int8', [2])]).type)).toBe('Nullable(Int16)');
  });
  it('computes over flat, dict and const', () => {
    expect(call('plus', [vec('UInt8', [255, 1]), vec('UInt8', [255, 2])]).rows).toEqual([510, 3]);
    expect(call('minus', [vec('Int32', [5, -7]), cst('UInt8', 1, 2)]).rows).toEqual([4n, -8n]);
    expect(call('multiply', [dictOf('Int16', [3, 4, 3]), cst('Int16', 2, 3)]).rows).toEqual([6, 8, 6]);
    expect(call('divide', [vec('Int32', [1, 0]), vec('Int32', [2, 0])]).rows).toEqual([0.5, NaN]);
    expect(call('intDiv', [vec('Int32', [7, -7]), vec('Int32', [2, 2])]).rows).toEqual([3, -3]);
    expect(call('modulo', [vec('Int32', [7, -7]), vec('Int32', [3, 3])]).rows).toEqual([1n, -1n]);
    expect(call('plus', [cst('Int32', 2, 3), cst('Int32', 3, 3)]).vector.kind).toBe('const');
  });
  it('keeps Int64/UInt64 exact and wraps on overflow', () => {
    const big = 2n ** 62n + 12345n;
    expect(call('plus', [vec('Int64', [big]), vec('Int64', [big])]).rows).toEqual([BigInt.asIntN(64, 2n * big)]);
    expect(call('minus', [vec('Int64', [-(2n ** 63n)]), vec('Int64', [1n])]).rows).toEqual([2n ** 63n - 1n]);
    const a = 0x123456789abcdefn, b = -0x7edcba987654321n;
    expect(call('multiply', [vec('Int64', [a]), vec('Int64', [b])]).rows).toEqual([BigInt.asIntN(64, a * b)]);
    expect(call('multiply', [vec('UInt64', [2n ** 64n - 1n]), vec('UInt64', [3n])]).rows).toEqual([BigInt.asUintN(64, (2n ** 64n - 1n) * 3n)]);
    expect(call('intDiv', [vec('Int64', [2n ** 62n + 7n]), vec('Int64', [3n])]).rows).toEqual([(2n ** 62n + 7n) / 3n]);
    expect(call('modulo', [vec('UInt64', [2n ** 64n - 1n]), vec('UInt64', [10n])]).rows).toEqual([5n]);
    expect(call('negate', [vec('Int64', [-(2n ** 63n), 5n])]).rows).toEqual([-(2n ** 63n), -5n]);
  });
  it('NULL propagates and division by zero throws outside NULL rows', () => {
    expect(call('plus', [vec('Nullable(Int32)', [1, null]), vec('Int32', [1, 1])]).rows).toEqual([2n, null]);
    expect(call('plus', [cst('Nothing', null, 2), vec('Int32', [1, 1])]).rows).toEqual([null, null]);
    expect(call('intDiv', [vec('Nullable(Int32)', [1, null]), vec('Nullable(Int32)', [1, null])]).rows).toEqual([1, null]);
    expect(() => call('intDiv', [vec('Int32', [1]), vec('Int32', [0])])).toThrow(/Division by zero/);
  });
  it('rejects bad types and argument counts', () => {
    expect(() => call('plus', [vec('String', ['a']), vec('Int8', [1])])).toThrow(EddyError);
    expect(() => call('plus', [vec('String', ['a']), vec('Int8', [1])])).toThrow(/'String'.*'plus'/);
    expect(() => call('plus', [vec('Int8', [1])])).toThrow(/doesn't match/);
  });
});

describe('comparison', () => {
  it('numbers, with 64-bit exactness and mixed signs', () => {
    expect(call('less', [vec('Int32', [1, 2, 3]), cst('UInt8', 2, 3)]).rows).toEqual([1, 0, 0]);
    expect(call('equals', [vec('UInt64', [2n ** 63n + 1n, 5n]), vec('Int64', [-(2n ** 63n) + 1n, 5n])]).rows).toEqual([0, 1]);
    expect(call('greater', [vec('UInt64', [2n ** 64n - 1n]), vec('Int64', [-1n])]).rows).toEqual([1]);
    expect(call('equals', [vec('Int64', [435090932899640449n, 435090932899640448n]), cst('UInt64', 435090932899640449n, 2)]).rows).toEqual([1, 0]);
    expect(call('notEquals', [vec('Float64', [1.5, NaN]), cst('Int8', 0, 2)]).rows).toEqual([1, 1]);
  });
  it('strings by bytes, dict against const', () => {
    expect(call('notEquals', [vec('String', ['', 'a']), cst('String', '', 2)]).rows).toEqual([0, 1]);
    expect(call('less', [vec('String', ['ab', 'b', 'a']), vec('String', ['ac', 'a', 'a'])]).rows).toEqual([1, 0, 0]);
    expect(call('equals', [dictOf('String', ['x', 'y', 'x']), cst('String', 'x', 3)]).rows).toEqual([1, 0, 1]);
    expect(call('greaterOrEquals', [cst('String', 'b', 3), dictOf('String', ['a', 'b', 'c'])]).rows).toEqual([1, 1, 0]);
  });
  it('dates against date text', () => {
    const d = vec('Date', [15887, 15886, 15917]); // 2013-07-01, 2013-06-30, 2013-07-31
    expect(call('greaterOrEquals', [d, cst('String', '2013-07-01', 3)]).rows).toEqual([1, 0, 1]);
    expect(call('lessOrEquals', [d, cst('String', '2013-07-31', 3)]).rows).toEqual([1, 1, 1]);
    const t = vec('DateTime', [1372636800, 1372636799]);
    expect(call('greaterOrEquals', [t, cst('String', '2013-07-01 00:00:00', 2)]).rows).toEqual([1, 0]);
    expect(call('equals', [vec('Date', [15887]), vec('DateTime', [1372636800])]).rows).toEqual([1]);
  });
  it('rejects string vs number columns', () => {
    expect(() => call('equals', [vec('String', ['1']), vec('Int8', [1])])).toThrow(/ILLEGAL|Illegal type/);
  });
});

describe('logic', () => {
  it('three-valued and/or/not', () => {
    const a = vec('Nullable(UInt8)', [1, 1, 1, 0, 0, 0, null, null, null]);
    const b = vec('Nullable(UInt8)', [1, 0, null, 1, 0, null, 1, 0, null]);
    expect(call('and', [a, b]).rows).toEqual([1, 0, null, 0, 0, 0, null, 0, null]);
    expect(call('or', [a, b]).rows).toEqual([1, 1, 1, 1, 0, null, 1, null, null]);
    expect(call('not', [a]).rows).toEqual([0, 0, 0, 1, 1, 1, null, null, null]);
    expect(call('and', [vec('UInt8', [1, 2, 0]), vec('Int32', [5, 0, 1]), cst('UInt8', 1, 3)]).rows).toEqual([1, 0, 0]);
    expect(call('or', [cst('Nothing', null, 2), vec('UInt8', [1, 0])]).rows).toEqual([1, null]);
  });
  it('isNull / isNotNull', () => {
    expect(call('isNull', [vec('Nullable(String)', ['a', null])]).rows).toEqual([0, 1]);
    expect(call('isNotNull', [vec('Int8', [1, 2])]).rows).toEqual([1, 1]);
    expect(call('isNull', [cst('Nothing', null, 2)]).rows).toEqual([1, 1]);
  });
});

describe('basic aggregates', () => {
  it('count, count(x), sum, avg', () => {
    const x = vec('Nullable(Int32)', [1, null, 3, 4]);
    expect(agg('count', [], [0, 0, 1, 1], 2).rows).toEqual([2n, 2n]);
    expect(agg('count', [x], [0, 0, 1, 1], 2).rows).toEqual([1n, 2n]);
    expect(agg('sum', [x], [0, 0, 1, 1], 3)).toEqual({ type: expect.objectContaining({ kind: 'Int64', nullable: true }), rows: [1n, 7n, null] });
    expect(agg('sum', [vec('UInt8', [200, 200])], [0, 0], 2).rows).toEqual([400n, 0n]);
    expect(agg('avg', [vec('Int32', [1, 2, 4])], [0, 0, 0], 2).rows).toEqual([7 / 3, NaN]);
    expect(agg('sum', [vec('Float32', [0.5, 0.25])], [0, 0], 1).rows).toEqual([0.75]);
  });
  it('sum of Int64 near 2^62 is exact; UInt64 max wraps', () => {
    const v = 2n ** 62n - 1n;
    expect(agg('sum', [vec('Int64', [v, v, -v, 5n])], [0, 0, 0, 0], 1).rows).toEqual([v + 5n]);
    expect(agg('sum', [vec('Int64', [v, v, v])], [0, 0, 0], 1).rows).toEqual([BigInt.asIntN(64, 3n * v)]);
    const u = 2n ** 64n - 1n;
    expect(agg('sum', [vec('UInt64', [u, 1n, u])], [0, 0, 0], 1).rows).toEqual([BigInt.asUintN(64, 2n * u + 1n)]);
  });
  it('min/max/any/anyLast/argMin/argMax over numbers and strings', () => {
    const s = vec('String', ['b', 'a', 'c', 'zz', 'z']);
    expect(agg('min', [s], [0, 0, 0, 1, 1], 3).rows).toEqual(['a', 'z', '']);
    expect(agg('max', [dictOf('String', ['b', 'a', 'c', 'zz', 'z'])], [0, 0, 0, 1, 1], 2).rows).toEqual(['c', 'zz']);
    expect(agg('max', [vec('Int64', [-(2n ** 63n), 2n ** 62n])], [0, 0], 1).rows).toEqual([2n ** 62n]);
    expect(agg('min', [vec('Nullable(Int8)', [null, 5, -3])], [0, 0, 0], 2).rows).toEqual([-3, null]);
    expect(agg('any', [vec('Nullable(Int8)', [null, 5, -3])], [0, 0, 0], 1).rows).toEqual([5]);
    expect(agg('anyLast', [s], [0, 0, 0, 1, 1], 2).rows).toEqual(['c', 'z']);
    expect(agg('argMax', [s, vec('Int32', [1, 9, 3, 0, 2])], [0, 0, 0, 1, 1], 2).rows).toEqual(['a', 'z']);
    expect(agg('argMin', [s, vec('Int32', [1, 9, 3, 0, 2])], [0, 0, 0, 1, 1], 2).rows).toEqual(['b', 'zz']);
  });
});
