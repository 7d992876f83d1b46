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

describe('selectRange = and != on 8- and 16-bit words', () => {
  // The skewed loops read 4 or 2 rows per 32-bit word: views at every alignment, lanes next to the constant
  // and at the sign and carry bits (where a SWAR zero test could borrow across lanes), and constants out
  // of the type's range.
  const cases: [new (b: ArrayBuffer, o: number, n: number) => Uint8Array | Int8Array | Uint16Array | Int16Array, number[]][] = [
    [Uint8Array, [0, 1, 127, 128, 255, 256, -1]],
    [Int8Array, [0, 1, -1, -128, 127, 128, -129]],
    [Uint16Array, [0, 1, 255, 256, 32768, 65535, 65536, -1]],
    [Int16Array, [0, 1, -1, -32768, 32767, 256, 32768]],
  ];
  for (const [C, constants] of cases) {
    it(`${C.name}: every alignment and edge lane matches a plain scan`, () => {
      let seed = 12345;
      const rnd = (k: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % k; };
      const width = (C as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
      for (const c of constants) {
        for (let offset = 0; offset < 4; offset++) {
          const n = 2000 + rnd(64);
          const a = new C(new ArrayBuffer((n + offset) * width), offset * width, n);
          const edges = [c + 1, c - 1, c ^ 0x80, c ^ 0x8000, c ^ 0x100, 0, -1, 0x80, 0x7f];
          for (let i = 0; i < n; i++) a[i] = rnd(40) === 0 ? edges[rnd(edges.length)]! : c; // mostly c: the != loop takes over
          for (const op of ['equals', 'notEquals'] as const) {
            for (const k of [c, c + 1, c ^ 0x80]) {
              const out = new Uint32Array(n);
              const m = selectRange(a, intRange(op, k), null, n, out);
              expect(Array.from(out.subarray(0, m)), `${C.name} offset ${offset} ${op} ${k}`)
                .toEqual(expected(n, (i) => (a[i] === k) === (op === 'equals')));
            }
          }
        }
      }
    });
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
