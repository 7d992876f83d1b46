import { describe, expect, it } from 'vitest';
import type { Scalar } from '../../../src/core/types.ts';
import { parseType, typeName } from '../../../src/core/types.ts';
import type { Vector } from '../../../src/core/vector.ts';
import { flatVector, toScalars } from '../../../src/core/vector.ts';
import { findAggregate } from '../../../query/functions/registry.ts';
import { agg, vec } from './helpers.ts';

/** Run `name` over rows split in two partial accumulators, export both states and merge them into a third. */
function roundTrip(name: string, args: readonly Vector[], groupIds: readonly number[], groups: number, params: readonly Scalar[] = []): Scalar[] {
  const f = findAggregate(name)!;
  const types = args.map((a) => a.type);
  const n = groupIds.length, half = Math.floor(n / 2);
  const slice = (v: Vector, from: number, to: number): Vector => {
    const xs = toScalars(v).slice(from, to);
    return vec(v.type, xs);
  };
  const parts = [[0, half], [half, n]].map(([from, to]) => {
    const acc = f.create(types, params);
    acc.update(args.map((a) => slice(a, from!, to!)), Uint32Array.from(groupIds.slice(from, to)), to! - from!);
    return acc.state(groups);
  });
  const final = f.create(types, params);
  for (const st of parts) final.merge(st, Uint32Array.from({ length: groups }, (_, g) => g), groups);
  return toScalars(final.evaluate(groups));
}

describe('uniq', () => {
  it('is exact for small cardinalities and skips NULLs', () => {
    const r = agg('uniq', [vec('Nullable(Int32)', [1, 2, 2, null, 3, 1, 7])], [0, 0, 0, 0, 1, 1, 1], 3);
    expect(typeName(r.type)).toBe('UInt64');
    expect(r.rows).toEqual([2n, 3n, 0n]);
    expect(agg('uniq', [vec('String', ['a', 'b', 'a', ''])], [0, 0, 0, 0], 1).rows).toEqual([4n - 1n]);
    expect(agg('uniqCombined', [vec('Int32', [1, 2]), vec('String', ['x', 'x'])], [0, 0], 1).rows).toEqual([2n]);
  });
  it('stays within 2% at 1M distinct values, including through state/merge', () => {
    const f = findAggregate('uniq')!;
    const t = parseType('UInt64');
    const total = 1_000_000, batch = 1 << 16;
    const a = f.create([t], []), b = f.create([t], []);
    for (let start = 0; start < total; start += batch) {
      const len = Math.min(batch, total - start);
      const values = new BigUint64Array(len);
      for (let i = 0; i < len; i++) values[i] = BigInt(start + i) * 2654435761n;
      (start % (2 * batch) === 0 ? a : b).update([flatVector(t, values)], new Uint32Array(len), len);
    }
    const merged = f.create([t], []);
    merged.merge(a.state(1), new Uint32Array(1), 1);
    merged.merge(b.state(1), new Uint32Array(1), 1);
    const est = Number(toScalars(merged.evaluate(1))[0]);
    expect(Math.abs(est - total) / total).toBeLessThan(0.02);
  });
  it('round-trips small and sketched groups through state and merge', () => {
    const xs = Array.from({ length: 3000 }, (_, i) => i % 2000);
    const groups = xs.map((_, i) => (i < 2500 ? 0 : 1));
    const r = roundTrip('uniq', [vec('Int32', xs)], groups, 2);
    expect(Math.abs(Number(r[0]) - 2000)).toBeLessThan(40);
    expect(r[1]).toBe(500n);
  });
});

describe('quantiles', () => {
  it('interpolates like ClickHouse and picks exact positions', () => {
    const v = vec('Int32', [4, 1, 3, 2]);
    expect(agg('quantile', [v], [0, 0, 0, 0], 1, [0.5]).rows).toEqual([2.5]);
    expect(agg('median', [v], [0, 0, 0, 0], 1).rows).toEqual([2.5]);
    expect(agg('quantileExact', [v], [0, 0, 0, 0], 1, [0.5]).rows).toEqual([3]);
    expect(agg('quantileExact', [v], [0, 0, 0, 0], 1, [1]).rows).toEqual([4]);
    expect(agg('quantile', [v], [0, 0, 0, 0], 1, [0]).rows).toEqual([1]);
    expect(() => agg('quantile', [v], [0], 1, [1.5])).toThrow(/out of range/);
  });
  it('keeps the reservoir estimate within rank error bounds for 100k values', () => {
    const n = 100_000;
    const xs = Array.from({ length: n }, (_, i) => (i * 7919) % n);
    for (const level of [0.1, 0.5, 0.99]) {
      const est = Number(agg('quantile', [vec('Float64', xs)], new Array<number>(n).fill(0), 1, [level]).rows[0]);
      expect(Math.abs(est / n - level)).toBeLessThan(0.03);
    }
  });
  it('round-trips through state and merge', () => {
    const xs = [5, 1, 4, 2, 3, 10, 20, 30];
    const g = [0, 0, 0, 0, 0, 1, 1, 1];
    expect(roundTrip('quantile', [vec('Int32', xs)], g, 3, [0.5])).toEqual([3, 20, NaN]);
    expect(roundTrip('quantileExact', [vec('Int32', xs)], g, 3, [0.5])).toEqual([3, 20, 0]);
  });
});

describe('topK and variance', () => {
  it('returns the most frequent values as array text', () => {
    const r = agg('topK', [vec('String', ['a', 'b', 'b', "it's", 'b', "it's"])], [0, 0, 0, 0, 0, 0], 1, [2]);
    expect(r.rows).toEqual(["['b','it\\'s']"]);
    expect(roundTrip('topK', [vec('Int32', [1, 2, 2, 3, 3, 3])], [0, 0, 0, 0, 0, 0], 2, [3])).toEqual(['[3,2,1]', '[]']);
  });
  it('computes ClickHouse variance formulas and merges moments', () => {
    const v = vec('Int32', [1, 2, 3, 4]);
    expect(agg('varPop', [v], [0, 0, 0, 0], 1).rows).toEqual([1.25]);
    expect(agg('varSamp', [v], [0, 0, 0, 0], 1).rows[0]).toBeCloseTo(5 / 3, 12);
    expect(agg('stddevPop', [v], [0, 0, 0, 0], 1).rows[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(agg('varSamp', [vec('Int32', [7])], [0], 1).rows).toEqual([NaN]);
    expect(agg('varPop', [vec('Nullable(Int32)', [null])], [0], 1).rows).toEqual([null]);
    expect(roundTrip('varPop', [v], [0, 0, 0, 0], 1)).toEqual([1.25]);
  });
  it('gets -If variants for the new aggregates and their aliases', () => {
    for (const n of ['uniqIf', 'uniqCombinedIf', 'quantileIf', 'medianIf', 'quantileExactIf', 'topKIf', 'varPopIf', 'stddevSampIf']) {
      expect(findAggregate(n), n).toBeDefined();
    }
    expect(agg('varPopIf', [vec('Int32', [1, 2, 100]), vec('UInt8', [1, 1, 0])], [0, 0, 0], 1).rows).toEqual([0.25]);
  });
});

describe('sum and avg of narrow integers', () => {
  it('stay exact past 2^53 (high halves kept only once a sum needs them)', () => {
    const f = findAggregate('sum')!;
    const t = parseType('UInt32');
    const acc = f.create([t], []);
    const n = 1 << 16;
    const values = new Uint32Array(n).fill(0xffffffff);
    const groupIds = new Uint32Array(n);
    for (let i = 0; i < n; i += 2) groupIds[i] = 1; // group 1 gets half the rows, group 0 the other half
    const batches = 128; // 2^23 rows of 2^32 - 1: group sums of 2^22 · (2^32 - 1) > 2^53
    for (let b = 0; b < batches; b++) acc.update([flatVector(t, values)], groupIds, n);
    const expected = BigInt(batches * n / 2) * 0xffffffffn;
    expect(toScalars(acc.evaluate(3))).toEqual([expected, expected, 0n]);
  });
  it('sum a whole column exactly for every integer type, with and without NULLs (no GROUP BY)', () => {
    const f = findAggregate('sum')!;
    // Odd lengths leave a tail after the four-way unrolled loops; extremes of each type test the wide halves.
    for (const [name, lo, hi] of [['Int8', -128, 127], ['UInt8', 0, 255], ['Int16', -32768, 32767], ['UInt16', 0, 65535],
      ['Int32', -(2 ** 31), 2 ** 31 - 1], ['UInt32', 0, 2 ** 32 - 1], ['Int64', -(2 ** 62), 2 ** 62], ['UInt64', 0, 2 ** 63]] as const) {
      for (const nullable of [false, true]) {
        const n = 1003;
        const xs = Array.from({ length: n }, (_, i) => {
          if (nullable && i % 7 === 3) return null;
          const v = i % 3 === 0 ? lo : i % 3 === 1 ? hi : (i * 7919) % 100;
          return name.endsWith('64') ? BigInt(v) : v;
        });
        const t = parseType(nullable ? `Nullable(${name})` : name);
        const acc = f.create([t], []);
        acc.updateOne!([vec(t, xs)], n);
        let expected = 0n;
        for (const x of xs) if (x !== null) expected += BigInt(x);
        if (name.endsWith('64')) expected = name === 'UInt64' ? BigInt.asUintN(64, expected) : BigInt.asIntN(64, expected);
        expect(toScalars(acc.evaluate(1))[0], `${name}${nullable ? ' nullable' : ''}`).toBe(expected);
      }
    }
  });
  it('avg over an integer column merges states into lazily kept float sums', () => {
    expect(roundTrip('avg', [vec('Int16', [1, 2, 3, -4, 100])], [0, 0, 1, 1, 2], 4)).toEqual([1.5, -0.5, 100, NaN]);
    expect(roundTrip('sum', [vec('Int8', [1, 2, 3, -4, 100])], [0, 0, 1, 1, 2], 4)).toEqual([3n, -1n, 100n, 0n]);
    expect(agg('avg', [vec('Int32', [2 ** 31 - 1, 2 ** 31 - 1, 5])], [0, 0, 1], 2).rows).toEqual([2 ** 31 - 1, 5]);
  });
});
