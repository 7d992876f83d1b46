/**
 * Per-granule statistics of a column: the rows holding the min and max non-NULL value (NaN ignored,
 * strings in UTF-8 byte order, 64-bit integers compared through Int32 halves), and the NULL count.
 */
import { is64Bit, isUnsigned, withNullable } from '../../src/core/types.ts';
import type { FlatVector, StringVector } from '../../src/core/vector.ts';
import { gatherRows } from './rows.ts';

/** Statistics of every granule: min/max vectors of granuleCount rows, a has-min/max flag and NULL counts. */
export interface GranuleStats {
  readonly min: FlatVector | StringVector;
  readonly max: FlatVector | StringVector;
  /** 1 when granule g has a non-NULL, non-NaN value (min/max are meaningful). */
  readonly hasMinMax: Uint8Array;
  readonly nulls: Uint32Array;
}

/** Compare two strings of (offsets, bytes) by UTF-8 bytes: negative, 0 or positive. */
export function compareBytes(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): number {
  const la = ae - as;
  const lb = be - bs;
  const n = la < lb ? la : lb;
  for (let k = 0; k < n; k++) {
    const d = a[as + k]! - b[bs + k]!;
    if (d !== 0) return d;
  }
  return la - lb;
}

/** Statistics of `v` cut into granules of `granularity` rows. */
export function granuleStats(v: FlatVector | StringVector, granularity: number): GranuleStats {
  const n = v.length;
  const granules = Math.ceil(n / granularity);
  const minRow = new Int32Array(granules);
  const maxRow = new Int32Array(granules);
  const has = new Uint8Array(granules);
  const nullCounts = new Uint32Array(granules);
  const nulls = v.nulls;
  for (let g = 0; g < granules; g++) {
    const start = g * granularity;
    const end = Math.min(n, start + granularity);
    let lo = -1;
    let hi = -1;
    let nc = 0;
    if (v.kind === 'string') {
      const o = v.offsets;
      const b = v.bytes;
      for (let i = start; i < end; i++) {
        if (nulls !== null && nulls[i] === 1) { nc++; continue; }
        if (lo < 0) { lo = hi = i; continue; }
        if (compareBytes(b, o[i]!, o[i + 1]!, b, o[lo]!, o[lo + 1]!) < 0) lo = i;
        else if (compareBytes(b, o[i]!, o[i + 1]!, b, o[hi]!, o[hi + 1]!) > 0) hi = i;
      }
    } else if (is64Bit(v.type)) {
      const a = new Int32Array(v.values.buffer, v.values.byteOffset, n * 2);
      const unsigned = isUnsigned(v.type);
      for (let i = start; i < end; i++) {
        if (nulls !== null && nulls[i] === 1) { nc++; continue; }
        if (lo < 0) { lo = hi = i; continue; }
        const h = a[2 * i + 1]!;
        const l = a[2 * i]! >>> 0;
        const lh = a[2 * lo + 1]!;
        if (unsigned ? (h >>> 0) < (lh >>> 0) || (h === lh && l < a[2 * lo]! >>> 0)
          : h < lh || (h === lh && l < a[2 * lo]! >>> 0)) lo = i;
        const hh = a[2 * hi + 1]!;
        if (unsigned ? (h >>> 0) > (hh >>> 0) || (h === hh && l > a[2 * hi]! >>> 0)
          : h > hh || (h === hh && l > a[2 * hi]! >>> 0)) hi = i;
      }
    } else {
      // one loop per array kind: a loop shared by every kind would go megamorphic (several times slower)
      const a = v.values;
      const r = a instanceof Int16Array ? minMaxI16(a, start, end, nulls) : a instanceof Int32Array ? minMaxI32(a, start, end, nulls)
        : a instanceof Uint32Array ? minMaxU32(a, start, end, nulls) : minMaxAny(a as Float64Array, start, end, nulls);
      lo = range.lo;
      hi = range.hi;
      nc = r;
    }
    nullCounts[g] = nc;
    if (lo >= 0) {
      has[g] = 1;
      minRow[g] = lo;
      maxRow[g] = hi;
    }
  }
  const plain = v.nulls === null ? v : { ...v, nulls: null };
  const type = withNullable(v.type, false);
  return {
    min: { ...gatherRows(plain, minRow), type },
    max: { ...gatherRows(plain, maxRow), type },
    hasMinMax: has,
    nulls: nullCounts,
  };
}

/** Rows of the min and max of the last scan (scratch of the minMax loops). */
const range = { lo: -1, hi: -1 };

function minMaxI16(a: Int16Array, start: number, end: number, nulls: Uint8Array | null): number {
  let lo = -1;
  let hi = -1;
  let nc = 0;
  for (let i = start; i < end; i++) {
    if (nulls !== null && nulls[i] === 1) { nc++; continue; }
    const x = a[i]!;
    if (lo < 0) { lo = hi = i; continue; }
    if (x < a[lo]!) lo = i;
    else if (x > a[hi]!) hi = i;
  }
  range.lo = lo;
  range.hi = hi;
  return nc;
}

function minMaxI32(a: Int32Array, start: number, end: number, nulls: Uint8Array | null): number {
  let lo = -1;
  let hi = -1;
  let nc = 0;
  for (let i = start; i < end; i++) {
    if (nulls !== null && nulls[i] === 1) { nc++; continue; }
    const x = a[i]!;
    if (lo < 0) { lo = hi = i; continue; }
    if (x < a[lo]!) lo = i;
    else if (x > a[hi]!) hi = i;
  }
  range.lo = lo;
  range.hi = hi;
  return nc;
}

function minMaxU32(a: Uint32Array, start: number, end: number, nulls: Uint8Array | null): number {
  let lo = -1;
  let hi = -1;
  let nc = 0;
  for (let i = start; i < end; i++) {
    if (nulls !== null && nulls[i] === 1) { nc++; continue; }
    const x = a[i]!;
    if (lo < 0) { lo = hi = i; continue; }
    if (x < a[lo]!) lo = i;
    else if (x > a[hi]!) hi = i;
  }
  range.lo = lo;
  range.hi = hi;
  return nc;
}

/** Any other kind (NaN is skipped). */
function minMaxAny(a: Float64Array, start: number, end: number, nulls: Uint8Array | null): number {
  let lo = -1;
  let hi = -1;
  let nc = 0;
  for (let i = start; i < end; i++) {
    if (nulls !== null && nulls[i] === 1) { nc++; continue; }
    const x = a[i]!;
    if (x !== x) continue;
    if (lo < 0) { lo = hi = i; continue; }
    if (x < a[lo]!) lo = i;
    else if (x > a[hi]!) hi = i;
  }
  range.lo = lo;
  range.hi = hi;
  return nc;
}
