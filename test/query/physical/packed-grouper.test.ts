import { stringsVector } from '../../support/string-vector.ts';
import { describe, expect, it } from 'vitest';
import type { DataType, Scalar } from '../../../src/core/types.ts';
import { T, withNullable } from '../../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../../src/core/vector.ts';
import { constVector, dictVector, flatVector, toScalars } from '../../../src/core/vector.ts';
import { PackedGrouper } from '../../../query/physical/grouping/packed-grouper.ts';

/** A small deterministic generator. */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s % n; };
}


/** Values for one key type: few distinct ones, so groups repeat. */
function valueOf(type: DataType, r: (n: number) => number): Scalar {
  if (type.nullable && r(5) === 0) return null;
  switch (type.kind) {
    case 'String': return ['', 'a', 'bb', 'ccc', 'é'][r(5)]!;
    case 'Int64': return [0n, -1n, 1n << 40n, -(1n << 63n)][r(4)]!;
    case 'UInt32': return [0, 1, 4294967295, 2147483648][r(4)]!;
    case 'Float64': return [0, -0, NaN, 1.5, -2][r(5)]!;
    default: return r(4) - 2;
  }
}

function flatOf(type: DataType, xs: Scalar[]): FlatVector | StringVector {
  if (type.kind === 'String') return stringsVector(xs as (string | null)[], type);
  const nulls = xs.some((x) => x === null) ? Uint8Array.from(xs, (x) => (x === null ? 1 : 0)) : null;
  const values = type.kind === 'Int64' ? BigInt64Array.from(xs, (x) => (x === null ? 0n : x as bigint))
    : type.kind === 'UInt32' ? Uint32Array.from(xs, (x) => (x === null ? 0 : x as number))
      : type.kind === 'Float64' ? Float64Array.from(xs, (x) => (x === null ? 0 : x as number))
        : Int16Array.from(xs, (x) => (x === null ? 0 : x as number));
  return flatVector(type, values, nulls);
}

/** The column `xs` in a random encoding: flat/string, dictionary (with NULL rows or entries) or constant. */
function encode(type: DataType, xs: Scalar[], r: (n: number) => number): Vector {
  const how = r(3);
  if (how === 0 || xs.every((x) => Object.is(x, xs[0]))) {
    if (how === 0 && xs.every((x) => Object.is(x, xs[0]))) return constVector(type, xs[0]!, xs.length);
    return flatOf(type, xs);
  }
  if (how === 1) return flatOf(type, xs);
  const entries: Scalar[] = [];
  const codes = new Uint16Array(xs.length);
  const rowNulls = new Uint8Array(xs.length);
  xs.forEach((x, i) => {
    if (x === null && r(2) === 0) { rowNulls[i] = 1; return; }
    let j = entries.findIndex((e) => Object.is(e, x));
    if (j < 0) { j = entries.length; entries.push(x); }
    codes[i] = j;
  });
  if (entries.length === 0) entries.push(valueOf({ ...type, nullable: false }, r));
  return dictVector(type, codes, flatOf(type, entries), rowNulls.includes(1) ? rowNulls : null);
}

function keyOf(x: Scalar): string {
  if (typeof x === 'bigint') return `${x}n`;
  if (typeof x === 'number' && x === 0) return '0';
  if (typeof x === 'number' && Number.isNaN(x)) return 'NaN';
  return JSON.stringify(x) ?? String(x);
}

describe('PackedGrouper', () => {
  it('groups rows like a reference map over every encoding and key type', () => {
    const typeSets: DataType[][] = [
      [T.Int64, T.String],
      [T.Int16, T.String],
      [T.Int8, T.Int32],
      [withNullable(T.String), withNullable(T.Int16), T.UInt32],
      [T.Float64, withNullable(T.Int64)],
      [T.Int16, T.Int16, withNullable(T.String), withNullable(T.Float64)],
    ];
    for (let seed = 0; seed < 8; seed++) for (const [t, types] of typeSets.entries()) {
      const r = rng(7 + t + 100 * seed);
      const g = new PackedGrouper(types);
      const ref = new Map<string, number>();
      const firstRow: Scalar[][] = [];
      for (let batch = 0; batch < 12; batch++) {
        const n = 1 + r(40);
        const cols = types.map((ty) => Array.from({ length: n }, () => valueOf(ty, r)));
        const out = new Uint32Array(n);
        g.assign(types.map((ty, k) => encode(ty, cols[k]!, r)), n, out);
        for (let i = 0; i < n; i++) {
          const row = cols.map((c) => c[i]!);
          const key = row.map(keyOf).join('|');
          let id = ref.get(key);
          if (id === undefined) { id = ref.size; ref.set(key, id); firstRow.push(row); }
          expect(out[i], `batch ${batch} row ${i} of ${types.length} keys`).toBe(id);
        }
      }
      expect(g.groups).toBe(ref.size);
      const keys = g.keyVectors().map(toScalars);
      for (let gi = 0; gi < ref.size; gi++) {
        expect(keys.map((c) => keyOf(c[gi]!)).join('|')).toBe(firstRow[gi]!.map(keyOf).join('|'));
      }
      const some = Uint32Array.from({ length: 1 + r(10) }, () => r(ref.size));
      const picked = g.keyVectorsAt(some).map(toScalars);
      some.forEach((gi, i) => expect(picked.map((c) => keyOf(c[i]!)).join('|')).toBe(firstRow[gi]!.map(keyOf).join('|')));
    }
  });
});
