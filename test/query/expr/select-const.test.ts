import { describe, expect, it } from 'vitest';
import { intRange, selectRange, selectWideEquals } from '../../../query/expr/select-const.ts';

/** Rows 0..n-1 where `pass(i)` holds, as the kernels must return them. */
function expected(n: number, pass: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (pass(i)) out.push(i);
  return out;
}

// Values mostly 0 (skewed: the branchy loops take over after the sample), half 0 (balanced), or with a
// skewed head and a balanced tail (the loop is chosen from the head only).
const shapes: Record<string, (i: number) => number> = {
  rare: (i) => (i % 97 === 5 ? 1 + (i % 3) : 0),
  half: (i) => ((i * 2654435761) >>> 31 === 1 ? 2 : 0),
  lateMix: (i) => (i < 1000 ? 0 : i % 2),
  allZero: () => 0,
};

describe('selectRange equality kernels', () => {
  const ctors = [Uint8Array, Int8Array, Uint16Array, Int16Array, Int32Array, Uint32Array];
  for (const [shape, f] of Object.entries(shapes)) {
    for (const C of ctors) {
      it(`${C.name} ${shape}: = and != match a plain scan`, () => {
        for (const n of [100, 512, 513, 5000]) {
          const a = new C(n);
          for (let i = 0; i < n; i++) a[i] = f(i);
          for (const op of ['equals', 'notEquals'] as const) {
            for (const c of [0, 1, 2]) {
              const out = new Uint32Array(n);
              const m = selectRange(a, intRange(op, c), null, n, out);
              expect(Array.from(out.subarray(0, m))).toEqual(expected(n, (i) => (a[i] === c) === (op === 'equals')));
            }
          }
        }
      });
    }
  }
});

describe('selectWideEquals', () => {
  for (const [shape, f] of Object.entries(shapes)) {
    it(`${shape}: = and != on 64-bit values match a plain scan`, () => {
      for (const n of [100, 512, 513, 5000]) {
        const v = new BigInt64Array(n);
        for (let i = 0; i < n; i++) v[i] = f(i) === 0 ? 435090932899640449n : BigInt(f(i)) << 40n;
        const w = new Int32Array(v.buffer);
        for (const c of [435090932899640449n, 1n << 40n, 7n]) {
          const halves = new Int32Array(BigInt64Array.of(c).buffer);
          for (const neg of [0, 1] as const) {
            const out = new Uint32Array(n);
            const m = selectWideEquals(w, halves[0]!, halves[1]!, neg, null, n, out);
            expect(Array.from(out.subarray(0, m))).toEqual(expected(n, (i) => (v[i] === c) !== (neg === 1)));
          }
        }
      }
    });
  }
});
