import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { T, type DataType } from '../../../src/core/types.ts';
import { flatVector } from '../../../src/core/vector.ts';
import { makeComparator } from '../../../query/physical/compare-rows.ts';
import { numericOrder } from '../../../query/physical/numeric-order.ts';

/** The first `limit` rows by the comparator sort (ties by row). */
function byComparator(type: DataType, values: ArrayLike<number | bigint>, desc: boolean, limit: number): number[] {
  const v = flatVector(type, values as never);
  const cmp = makeComparator([{ v, desc, nullsFirst: false }]);
  return Array.from({ length: values.length }, (_, i) => i).sort(cmp).slice(0, limit);
}

describe('numericOrder', () => {
  it('orders integer keys as the comparator sort does, ties by row, ascending or descending, cut to the limit', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 300 }), fc.boolean(), fc.nat(400),
      fc.boolean(), (raw, desc, limit, few) => {
        const xs = few ? raw.map((x) => x % 5) : raw; // many ties
        const values = Int32Array.from(xs);
        expect(Array.from(numericOrder(flatVector(T.Int32, values), desc, xs.length, limit)!)).toEqual(byComparator(T.Int32, values, desc, limit));
        const u16 = Uint16Array.from(xs, (x) => x & 0xffff);
        expect(Array.from(numericOrder(flatVector(T.UInt16, u16), desc, xs.length, limit)!)).toEqual(byComparator(T.UInt16, u16, desc, limit));
      }), { numRuns: 200 });
  });

  it('takes 64-bit keys below 2^32 (counts) and leaves larger or negative ones, floats and NULLs to the comparator sort', () => {
    const counts = BigUint64Array.from([5n, 0n, 4294967295n, 5n, 7n]);
    expect(Array.from(numericOrder(flatVector(T.UInt64, counts), true, 5, 5)!)).toEqual(byComparator(T.UInt64, counts, true, 5));
    expect(numericOrder(flatVector(T.UInt64, BigUint64Array.from([1n, 4294967296n])), false, 2, 2)).toBeNull();
    expect(numericOrder(flatVector(T.Int64, BigInt64Array.from([1n, -1n])), false, 2, 2)).toBeNull();
    expect(numericOrder(flatVector(T.Float64, Float64Array.from([1, 2])), false, 2, 2)).toBeNull();
    expect(numericOrder(flatVector({ ...T.Int32, nullable: true }, Int32Array.from([1, 2]), Uint8Array.from([0, 1])), false, 2, 2)).toBeNull();
  });
});
