import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Scalar } from '../../../src/core/types.ts';
import { call, cst, dictOf, vec } from './helpers.ts';

const enc = (t: string, xs: bigint[], k: number) => (k === 0 ? vec(t, xs) : k === 1 ? dictOf(t, xs) : cst(t, xs[0]!, xs.length));

describe('Int64 kernels match BigInt on random data in every encoding', () => {
  it('plus/minus/multiply wrap, comparisons exact', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })), { minLength: 1, maxLength: 20 }),
      fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 }), (pairs, ka, kb) => {
        let xs = pairs.map((p) => p[0]);
        const ys = pairs.map((p) => p[1]);
        if (ka === 2) xs = xs.map(() => xs[0]!);
        const a = enc('Int64', xs, ka), b = enc('Int64', ys, kb);
        const wrap = (v: bigint): Scalar => BigInt.asIntN(64, v);
        expect(call('plus', [a, b]).rows).toEqual(xs.map((x, i) => wrap(x + ys[i]!)));
        expect(call('minus', [a, b]).rows).toEqual(xs.map((x, i) => wrap(x - ys[i]!)));
        expect(call('multiply', [a, b]).rows).toEqual(xs.map((x, i) => wrap(x * ys[i]!)));
        expect(call('less', [a, b]).rows).toEqual(xs.map((x, i) => (x < ys[i]! ? 1 : 0)));
        expect(call('equals', [a, b]).rows).toEqual(xs.map((x, i) => (x === ys[i]! ? 1 : 0)));
      }), { numRuns: 150 });
  });
});
