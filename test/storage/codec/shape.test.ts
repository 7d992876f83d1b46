import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../../storage/codec/bytes.ts';
import { deltaEncode32, deltaEncode64 } from '../../../storage/codec/delta.ts';
import { estimateLaneDistinct, estimateStringDistinct } from '../../../storage/codec/dictionary.ts';
import { writeFor32, writeFor64 } from '../../../storage/codec/frame-of-reference.ts';
import { shapeWidths32, shapeWidths64, type ShapeWidths } from '../../../storage/codec/shape.ts';

/** The width byte frame-of-reference actually writes for `a[0..n)`. */
function forWidth(a: Int32Array, n: number, wide: boolean, unsigned: boolean): number {
  const w = new ByteWriter();
  (wide ? writeFor64 : writeFor32)(w, a, n, unsigned);
  return w.finish()[0]!;
}

/** Widths FOR, DELTA and DELTA2 really need, computed by materializing the deltas. */
function realWidths(a: Int32Array, n: number, wide: boolean, unsigned: boolean): ShapeWidths {
  const lanes = wide ? 2 : 1;
  const encode = wide ? deltaEncode64 : deltaEncode32;
  const d1 = a.slice();
  encode(d1, n);
  const d2 = d1.slice();
  encode(d2.subarray(lanes), n - 1);
  return {
    forWidth: forWidth(a, n, wide, unsigned),
    deltaWidth: n > 1 ? forWidth(d1.subarray(lanes), n - 1, wide, false) : 0,
    delta2Width: n > 2 ? forWidth(d2.subarray(2 * lanes), n - 2, wide, false) : 0,
  };
}

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });

describe('shape statistics', () => {
  it('give the exact FOR / DELTA / DELTA2 widths of 32-bit lanes', () => {
    const arrays = fc.oneof(
      fc.array(int32, { maxLength: 300 }),
      fc.tuple(int32, fc.array(fc.integer({ min: -3, max: 40 }), { maxLength: 300 }))
        .map(([base, steps]) => { let x = base; return steps.map((s) => (x = (x + s) | 0)); }),
    );
    fc.assert(fc.property(arrays, fc.boolean(), (values, unsigned) => {
      const a = Int32Array.from(values);
      const got: ShapeWidths = { forWidth: -1, deltaWidth: -1, delta2Width: -1 };
      shapeWidths32(a, a.length, unsigned, got);
      expect(got).toEqual(realWidths(a, a.length, false, unsigned));
    }), { numRuns: 300 });
  });

  it('give exact 64-bit widths while values (deltas) stay within 2^53 of each other (of zero)', () => {
    const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    // Bases keep every value on one side of 0 and away from the 64-bit limits, so no order wraps.
    const base = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 62n }), fc.bigInt({ min: -(2n ** 62n), max: -(2n ** 51n) }));
    const near = fc.tuple(base, fc.array(fc.bigInt({ min: 0n, max: 2n ** 50n }), { maxLength: 200 }))
      .map(([b, offs]) => ({ values: offs.map((o) => b + o), check: 'all' as const }));
    // Small steps from anywhere: values may wrap, deltas stay small.
    const walk = fc.tuple(int64, fc.array(fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }), { maxLength: 200 }))
      .map(([b, steps]) => { let x = b; return { values: steps.map((d) => (x = BigInt.asIntN(64, x + d))), check: 'deltas' as const }; });
    const any = fc.array(int64, { maxLength: 200 }).map((values) => ({ values, check: 'range' as const }));
    fc.assert(fc.property(fc.oneof(near, walk, any), fc.boolean(), ({ values, check }, unsigned) => {
      const a = new Int32Array(BigInt64Array.from(values).buffer);
      const got: ShapeWidths = { forWidth: -1, deltaWidth: -1, delta2Width: -1 };
      shapeWidths64(a, values.length, unsigned, got);
      const want = realWidths(a, values.length, true, unsigned);
      if (check === 'all') expect(got).toEqual(want);
      if (check === 'deltas') expect([got.deltaWidth, got.delta2Width]).toEqual([want.deltaWidth, want.delta2Width]);
      for (const w of Object.values(got)) expect(w >= 0 && w <= 64).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('distinct estimate', () => {
  it('is exact on small blocks and close on large ones', () => {
    const small = Int32Array.from({ length: 1000 }, (_, i) => (i * 7) % 300);
    expect(estimateLaneDistinct(small, small.length, 1)).toBe(300);
    const n = 65536;
    let seed = 7;
    const rand = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return seed >>> 0;
    };
    const low = Int32Array.from({ length: n }, () => rand() % 100);
    expect(estimateLaneDistinct(low, n, 1)).toBeLessThan(150);
    const mid = Int32Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? rand() % 5000 : -1));
    const est = estimateLaneDistinct(mid, n, 2);
    expect(est).toBeGreaterThan(2500);
    expect(est).toBeLessThan(10000);
    const unique = Int32Array.from({ length: n }, () => rand());
    expect(estimateLaneDistinct(unique, n, 1)).toBeGreaterThan(n / 2);
  });

  it('counts equal strings once and tells different ones apart', () => {
    const words = Array.from({ length: 5000 }, (_, i) => new TextEncoder().encode(i % 50 === 0 ? `rare-${i}` : `w${i % 7}`));
    const offsets = new Int32Array(words.length + 1);
    words.forEach((w, i) => (offsets[i + 1] = offsets[i]! + w.length));
    const bytes = new Uint8Array(offsets[words.length]!);
    words.forEach((w, i) => bytes.set(w, offsets[i]!));
    const est = estimateStringDistinct(offsets, bytes, 0, words.length);
    expect(est).toBeGreaterThan(50);
    expect(est).toBeLessThan(400);
    expect(estimateStringDistinct(offsets, bytes, 10, 510)).toBe(7 + 10);
  });
});
