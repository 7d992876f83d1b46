import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { typeName } from '../../../src/core/types.ts';
import { toScalars } from '../../../src/core/vector.ts';
import '../../../query/functions/index.ts';
import { findAggregate } from '../../../query/functions/registry.ts';
import { agg, call, cst, dictOf, vec } from './helpers.ts';

describe('conditionals', () => {
  it('if / multiIf with supertypes and NULL conditions', () => {
    const r = call('if', [vec('Nullable(UInt8)', [1, 0, null]), vec('UInt8', [1, 2, 3]), cst('Int8', -1, 3)]);
    expect(typeName(r.type)).toBe('Int16');
    expect(r.rows).toEqual([1, -1, -1]);
    const s = call('multiIf', [vec('UInt8', [1, 0, 0]), vec('String', ['a', 'b', 'c']), vec('UInt8', [0, 1, 0]), cst('String', 'x', 3), cst('String', '', 3)]);
    expect(s.rows).toEqual(['a', 'x', '']);
    expect(call('if', [vec('UInt8', [1, 0]), vec('Int64', [2n ** 62n, 1n]), cst('Nothing', null, 2)]).rows).toEqual([2n ** 62n, null]);
  });
  it('coalesce, ifNull, nullIf, assumeNotNull, toNullable', () => {
    const a = vec('Nullable(Int32)', [null, 2, null]);
    const r = call('coalesce', [a, vec('Nullable(Int32)', [null, 5, 6]), cst('Int32', 0, 3)]);
    expect(typeName(r.type)).toBe('Int32');
    expect(r.rows).toEqual([0, 2, 6]);
    expect(call('ifNull', [vec('Nullable(String)', [null, 'a']), cst('String', '-', 2)]).rows).toEqual(['-', 'a']);
    expect(call('nullIf', [vec('Int32', [1, 2]), cst('Int32', 1, 2)]).rows).toEqual([null, 2]);
    expect(typeName(call('assumeNotNull', [a]).type)).toBe('Int32');
    expect(typeName(call('toNullable', [vec('String', ['a'])]).type)).toBe('Nullable(String)');
  });
});

describe('distinct counting and combinators', () => {
  it('uniqExact over numbers, strings (flat/dict), NULLs', () => {
    expect(agg('uniqExact', [vec('Int64', [1n, 2n, 1n, 2n ** 62n, 2n ** 62n])], [0, 0, 0, 1, 1], 2).rows).toEqual([2n, 1n]);
    expect(agg('uniqExact', [dictOf('Nullable(String)', ['a', 'b', null, 'a'])], [0, 0, 0, 0], 1).rows).toEqual([2n]);
    expect(agg('uniqExact', [vec('String', ['a', 'b', 'a'])], [0, 1, 1], 2).rows).toEqual([1n, 2n]);
  });
  it('matches a naive count on random data and survives state → merge', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -5, max: 5 })), { maxLength: 60 }), (rows) => {
      const groups = rows.map((r) => r[0]);
      const vals = rows.map((r) => r[1]);
      const want = [0, 1, 2, 3].map((g) => BigInt(new Set(rows.filter((r) => r[0] === g).map((r) => r[1])).size));
      expect(agg('uniqExact', [vec('Int32', vals)], groups, 4).rows).toEqual(want);
      const f = findAggregate('uniqExact')!;
      const half = Math.floor(rows.length / 2);
      const p1 = f.create([vec('Int32', []).type], []), p2 = f.create([vec('Int32', []).type], []), fin = f.create([vec('Int32', []).type], []);
      p1.update([vec('Int32', vals.slice(0, half))], Uint32Array.from(groups.slice(0, half)), half);
      p2.update([vec('Int32', vals.slice(half))], Uint32Array.from(groups.slice(half)), rows.length - half);
      fin.merge(p1.state(4), Uint32Array.of(0, 1, 2, 3), 4);
      fin.merge(p2.state(4), Uint32Array.of(0, 1, 2, 3), 4);
      expect(toScalars(fin.evaluate(4))).toEqual(want);
    }), { numRuns: 100 });
  });
  it('-If combinator', () => {
    const c = vec('UInt8', [1, 0, 1, 1]);
    expect(agg('sumIf', [vec('Int32', [1, 2, 3, 4]), c], [0, 0, 0, 1], 2).rows).toEqual([4n, 4n]);
    expect(agg('countIf', [c], [0, 0, 0, 1], 2).rows).toEqual([2n, 1n]);
    expect(agg('avgIf', [vec('Int32', [1, 2, 3, 4]), c], [0, 0, 0, 1], 2).rows).toEqual([2, 4]);
    expect(agg('maxIf', [vec('String', ['a', 'z', 'b', 'c']), c], [0, 0, 0, 1], 2).rows).toEqual(['b', 'c']);
    expect(agg('uniqExactIf', [vec('String', ['a', 'z', 'a', 'c']), c], [0, 0, 0, 1], 2).rows).toEqual([1n, 1n]);
  });
  it('sum/avg/min state → merge round trip', () => {
    for (const name of ['sum', 'avg', 'min', 'max', 'count', 'argMax']) {
      const f = findAggregate(name)!;
      const args = name === 'argMax' ? [vec('String', ['a', 'b', 'c']), vec('Int64', [3n, 9n, 1n])] : [vec('Int64', [3n, 9n, 1n])];
      const types = args.map((a) => a.type);
      const p = f.create(types, []);
      p.update(args, Uint32Array.of(0, 1, 1), 3);
      const fin = f.create(types, []);
      fin.merge(p.state(2), Uint32Array.of(1, 0), 2);
      const direct = f.create(types, []);
      direct.update(args, Uint32Array.of(1, 0, 0), 3);
      expect(toScalars(fin.evaluate(2))).toEqual(toScalars(direct.evaluate(2)));
    }
  });
});
