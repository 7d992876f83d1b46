import { describe, expect, it } from 'vitest';
import { typeName } from '../../../src/core/types.ts';
import { call, cst, dictOf, vec } from './helpers.ts';

describe('casts', () => {
  it('numbers wrap and truncate, strings parse', () => {
    expect(call('toUInt8', [vec('Int32', [300, -1])]).rows).toEqual([44, 255]);
    expect(call('toInt32', [vec('Float64', [3.9, -3.9])]).rows).toEqual([3, -3]);
    expect(call('toInt64', [vec('String', ['9223372036854775807', '-5'])]).rows).toEqual([2n ** 63n - 1n, -5n]);
    expect(call('toFloat64', [dictOf('String', ['1.5', 'inf', '1.5'])]).rows).toEqual([1.5, Infinity, 1.5]);
    expect(call('toInt32', [vec('Nullable(String)', ['7', null])]).rows).toEqual([7, null]);
    expect(() => call('toInt32', [vec('String', ['x'])])).toThrow(/Cannot parse/);
  });
  it('CAST to dates, strings, Bool and Nullable', () => {
    expect(call('CAST', [vec('String', ['2013-07-01']), cst('String', 'Date', 1)]).rows).toEqual([15887]);
    expect(call('_CAST', [vec('String', ['2013-07-01 00:00:01']), cst('String', 'DateTime', 1)]).rows).toEqual([1372636801]);
    expect(call('CAST', [vec('Date', [15887]), cst('String', 'DateTime', 1)]).rows).toEqual([1372636800]);
    expect(call('CAST', [vec('Int32', [5]), cst('String', 'String', 1)]).rows).toEqual(['5']);
    expect(call('CAST', [vec('Int32', [5, 0]), cst('String', 'Bool', 2)]).rows).toEqual([true, false]);
    const r = call('CAST', [vec('Nullable(Int32)', [1, null]), cst('String', 'Nullable(Int64)', 2)]);
    expect(typeName(r.type)).toBe('Nullable(Int64)');
    expect(r.rows).toEqual([1n, null]);
    expect(() => call('CAST', [vec('Nullable(Int32)', [null]), cst('String', 'Int32', 1)])).toThrow(/NULL/);
    expect(call('toDate', [vec('DateTime', [1372636801])]).rows).toEqual([15887]);
    expect(call('toDateTime', [cst('String', '2013-07-01 00:00:00', 1)]).rows).toEqual([1372636800]);
    expect(call('toDateTime64', [cst('String', '2013-07-01 00:00:00.123', 1), cst('UInt8', 3, 1)]).rows).toEqual([1372636800123n]);
  });
});
