import { stringsVector } from '../../support/string-vector.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Batch } from '../../../src/core/batch.ts';
import { T, arrayTypeOf, withNullable, type DataType, type Scalar, type TypedArray } from '../../../src/core/types.ts';
import { dictVector, flatVector, type Vector } from '../../../src/core/vector.ts';
import '../../../query/functions/index.ts';
import type { BoundExpr } from '../../../query/planner/bound.ts';
import { Evaluator } from '../../../query/physical/evaluator.ts';
import { FilterProgram } from '../../../query/physical/predicate.ts';
import { ALL_ROWS } from '../../../query/physical/selection.ts';
import { takeVector } from '../../../query/physical/vectors.ts';

const OPS = ['equals', 'notEquals', 'less', 'greater', 'lessOrEquals', 'greaterOrEquals'] as const;
const KINDS = ['Int8', 'UInt8', 'Int16', 'UInt16', 'Int32', 'UInt32', 'Int64', 'UInt64', 'Float64', 'Date', 'DateTime'] as const;

const col = (index: number, type: DataType): BoundExpr => ({ kind: 'col', index, type, name: `c${index}` });
const lit = (value: Scalar, type: DataType): BoundExpr => ({ kind: 'const', value, type });
const call = (fn: string, ...args: BoundExpr[]): BoundExpr => ({ kind: 'call', fn, args, type: T.UInt8 });

/** Rows of the batch's selection where the predicate, evaluated by the plain evaluator on compacted rows, is true. */
function reference(pred: BoundExpr, b: Batch): number[] {
  const rows = b.sel ? [...b.sel] : Array.from({ length: b.length }, (_, i) => i);
  const idx = Uint32Array.from(rows);
  const v = new Evaluator([pred]).run(b.columns.map((c) => takeVector(c, idx)), rows.length)[0]!;
  const truth = (i: number): boolean => {
    if (v.kind === 'const') return !!v.value;
    if (v.kind !== 'flat') throw new Error('unexpected predicate vector');
    return !!v.values[i] && (v.nulls === null || v.nulls[i] === 0);
  };
  return rows.filter((_, j) => truth(j));
}

function selected(p: FilterProgram, b: Batch): number[] {
  const s = p.select(b);
  if (s === ALL_ROWS) return Array.from({ length: b.length }, (_, i) => i);
  return [...s];
}


/** Values of a column type from small integers, extremes and (for 64-bit) big values. */
function columnOf(kind: (typeof KINDS)[number], raw: number[], nullable: boolean, nullMask: boolean[]): Vector {
  const type = nullable ? withNullable(T[kind]) : T[kind];
  const C = arrayTypeOf(type);
  const values = new C(raw.length) as TypedArray;
  raw.forEach((x, i) => {
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) (values as BigInt64Array)[i] = BigInt.asIntN(64, BigInt(x) * 0x100000001n);
    else (values as Float64Array)[i] = x;
  });
  const nulls = nullable ? Uint8Array.from(nullMask, (z) => (z ? 1 : 0)) : null;
  return flatVector(type, values, nulls);
}

describe('FilterProgram', () => {
  it('selects the same rows as evaluating the predicate, for every comparison shape and column type', () => {
    const constArb = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constantFrom(0, -1, 2.5, -2.5, 65535, 65536, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, NaN, Infinity, -Infinity));
    fc.assert(fc.property(
      fc.constantFrom(...KINDS), fc.array(fc.oneof(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -300, max: 300 })), { minLength: 1, maxLength: 60 }),
      fc.constantFrom(...OPS), constArb, fc.boolean(), fc.boolean(), fc.boolean(), fc.array(fc.boolean(), { maxLength: 60 }),
      fc.option(fc.array(fc.boolean(), { maxLength: 60 })),
      (kind, raw, op, c, swap, nullable, bigConst, nullMask, selMask) => {
        const v = columnOf(kind, raw, nullable, nullMask);
        const wide = kind === 'Int64' || kind === 'UInt64';
        let k: BoundExpr;
        if (wide && Number.isInteger(c) && bigConst) k = lit(BigInt(c) * 0x100000001n, T.Int64);
        else if (Number.isInteger(c) && Math.abs(c) < 2 ** 31) k = lit(c, T.Int32);
        else k = lit(c, T.Float64);
        const x = col(0, v.type);
        const cmp = swap ? call(op, k, x) : call(op, x, k);
        const pred = call('and', cmp, call('notEquals', col(1, T.Int32), lit(7, T.Int32)));
        const other = flatVector(T.Int32, Int32Array.from(raw, (_, i) => i % 9));
        const sel = selMask === null ? null : Uint32Array.from(raw.map((_, i) => i).filter((i) => selMask[i % Math.max(1, selMask.length)] ?? true));
        const b: Batch = { schema: [], columns: [v, other], length: raw.length, sel };
        const p = new FilterProgram(pred);
        expect(selected(p, b)).toEqual(reference(pred, b));
        const single = new FilterProgram(cmp);
        expect(selected(single, b)).toEqual(reference(cmp, b));
      }), { numRuns: 1000 });
  });

  it('selects the same rows as evaluating the predicate for string = / != constant, flat or dictionary', () => {
    // 'a' is in the dictionary twice (two matching entries); 'zz' in none; codes of every width.
    const words = ['', 'a', 'ab', 'b', 'abc', 'é', 'a'];
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: words.length - 1 }), { minLength: 1, maxLength: 40 }), fc.constantFrom(...words, 'zz'),
      fc.constantFrom('equals', 'notEquals'), fc.boolean(), fc.boolean(), fc.option(fc.array(fc.boolean(), { minLength: 1, maxLength: 40 })),
      fc.constantFrom(Uint8Array, Uint16Array, Uint32Array),
      (codes, c, op, dict, swap, selMask, Codes) => {
        const flat = stringsVector(codes.map((i) => words[i]!));
        const v: Vector = dict ? dictVector(T.String, Codes.from(codes), stringsVector(words)) : flat;
        const x = col(0, T.String);
        const k = lit(c, T.String);
        const pred = call('and', swap ? call(op, k, x) : call(op, x, k), call('greaterOrEquals', col(1, T.Int32), lit(0, T.Int32)));
        const other = flatVector(T.Int32, Int32Array.from(codes, (_, i) => i));
        const sel = selMask === null ? null : Uint32Array.from(codes.map((_, i) => i).filter((i) => selMask[i % selMask.length]));
        const b: Batch = { schema: [], columns: [v, other], length: codes.length, sel };
        expect(selected(new FilterProgram(pred), b)).toEqual(reference(pred, b));
      }), { numRuns: 300 });
  });

  it('selects the same rows for string = / != constant over long, lopsided dictionary codes (read a word at a time)', () => {
    const words = ['', 'a', 'ab', 'b'];
    let seed = 99;
    const rnd = (k: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % k; };
    for (const Codes of [Uint8Array, Uint16Array]) {
      for (const offset of [0, 1, 2, 3]) {
        const n = 3000 + rnd(50);
        const buf = new Codes(n + offset);
        const codes = buf.subarray(offset);
        for (let i = 0; i < n; i++) codes[i] = rnd(30) === 0 ? 1 + rnd(3) : 0; // mostly ''
        const v = dictVector(T.String, codes, stringsVector(words));
        for (const op of ['equals', 'notEquals'] as const) {
          for (const c of ['', 'ab']) {
            const pred = call(op, col(0, T.String), lit(c, T.String));
            const b: Batch = { schema: [], columns: [v], length: n, sel: null };
            expect(selected(new FilterProgram(pred), b), `${Codes.name} offset ${offset} ${op} '${c}'`).toEqual(reference(pred, b));
          }
        }
      }
    }
  });

  it('evaluates the other conjuncts on the selected rows only, sparse or dense', () => {
    const n = 1000;
    const a = flatVector(T.UInt16, Uint16Array.from({ length: n }, (_, i) => i % 10));
    const s = flatVector(T.Float64, Float64Array.from({ length: n }, (_, i) => i / 2));
    // `plus(s, 1) > 100` is not a kernel shape: it runs through the evaluator, gathered or dense.
    const general = call('greater', call('plus', col(1, T.Float64), lit(1, T.UInt8)), lit(100, T.UInt8));
    for (const first of [call('equals', col(0, T.UInt16), lit(3, T.UInt8)), call('notEquals', col(0, T.UInt16), lit(3, T.UInt8))]) {
      const pred = call('and', general, first);
      for (const sel of [null, Uint32Array.from({ length: 400 }, (_, i) => i * 2)]) {
        const b: Batch = { schema: [], columns: [a, s], length: n, sel };
        expect(selected(new FilterProgram(pred), b)).toEqual(reference(pred, b));
      }
    }
  });

  it('keeps its answers while it reorders the comparisons by measured selectivity, batch after batch', () => {
    // `a = 1` passes most rows at first and few later, `b = 5` the opposite: the measured order flips
    // between them. The last conjunct is a general expression, evaluated after both.
    const pred = call('and', call('and', call('equals', col(0, T.Int32), lit(1, T.Int32)), call('equals', col(1, T.Int32), lit(5, T.Int32))),
      call('greater', call('plus', col(0, T.Int32), col(1, T.Int32)), lit(0, T.Int32)));
    const p = new FilterProgram(pred);
    for (let batch = 0; batch < 40; batch++) {
      const n = 500;
      const early = batch < 20;
      const a = Int32Array.from({ length: n }, (_, i) => (early ? (i % 10 === 0 ? 0 : 1) : (i % 50 === 0 ? 1 : 0)));
      const bv = Int32Array.from({ length: n }, (_, i) => (early ? (i % 40 === 0 ? 5 : 6) : (i % 3 === 0 ? 6 : 5)));
      const b: Batch = { schema: [], columns: [flatVector(T.Int32, a), flatVector(T.Int32, bv)], length: n, sel: null };
      expect(selected(p, b), `batch ${batch}`).toEqual(reference(pred, b));
    }
  });

  it('returns ALL_ROWS when every row of a batch without a selection passes, and keeps the selection otherwise', () => {
    const v = flatVector(T.UInt8, Uint8Array.of(1, 2, 3));
    const pred = call('greater', col(0, T.UInt8), lit(0, T.UInt8));
    expect(new FilterProgram(pred).select({ schema: [], columns: [v], length: 3, sel: null })).toBe(ALL_ROWS);
    expect([...new FilterProgram(pred).select({ schema: [], columns: [v], length: 3, sel: Uint32Array.of(0, 2) }) as Uint32Array]).toEqual([0, 2]);
  });
});
