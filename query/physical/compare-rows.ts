/**
 * Row comparators for ORDER BY over materialized key columns: numbers (64-bit via their int32
 * halves), strings by UTF-8 bytes (ClickHouse's binary collation), NULLs last by default and NaN
 * between the values and the NULLs (ClickHouse: values, NaN, NULL; NULLS FIRST reverses that).
 */
import { is64Bit, isUnsigned } from '../../src/core/types.ts';
import type { FlatVector, StringVector } from '../../src/core/vector.ts';

/** One sort key over materialized rows. */
export interface SortColumn { readonly v: FlatVector | StringVector; readonly desc: boolean; readonly nullsFirst: boolean }

/** Compares row i with row j of the same columns; ties broken by row index (stable). */
export type RowComparator = (i: number, j: number) => number;

function valueComparator(v: FlatVector | StringVector): RowComparator {
  if (v.kind === 'string') {
    const o = v.offsets; const b = v.bytes;
    return (i, j) => {
      let p = o[i]!; const pe = o[i + 1]!; let q = o[j]!; const qe = o[j + 1]!;
      while (p < pe && q < qe) {
        const d = b[p]! - b[q]!;
        if (d !== 0) return d;
        p++; q++;
      }
      return (pe - p) - (qe - q);
    };
  }
  if (is64Bit(v.type)) {
    const w = new Int32Array(v.values.buffer, v.values.byteOffset, 2 * v.length);
    const unsigned = isUnsigned(v.type);
    return (i, j) => {
      const hi = unsigned ? (w[2 * i + 1]! >>> 0) - (w[2 * j + 1]! >>> 0) : w[2 * i + 1]! - w[2 * j + 1]!;
      if (hi !== 0) return hi;
      return (w[2 * i]! >>> 0) - (w[2 * j]! >>> 0);
    };
  }
  const a = v.values as Float64Array;
  if (v.type.kind === 'Float32' || v.type.kind === 'Float64') {
    return (i, j) => {
      const x = a[i]!; const y = a[j]!;
      return x < y ? -1 : x > y ? 1 : 0;
    };
  }
  return (i, j) => a[i]! - a[j]!;
}

/** Position class of a row: 0 = value, 1 = NaN, 2 = NULL (before direction and NULLS FIRST apply). */
function classifier(v: FlatVector | StringVector): ((i: number) => number) | null {
  const nulls = v.nulls;
  const floats = v.kind === 'flat' && (v.type.kind === 'Float32' || v.type.kind === 'Float64') ? v.values as Float64Array : null;
  if (nulls === null && floats === null) return null;
  return (i) => (nulls !== null && nulls[i] === 1 ? 2 : floats !== null && floats[i] !== floats[i] ? 1 : 0);
}

/** A comparator over several sort keys. */
export function makeComparator(keys: readonly SortColumn[]): RowComparator {
  const parts = keys.map((k) => {
    const cmp = valueComparator(k.v);
    const cls = classifier(k.v);
    const sign = k.desc ? -1 : 1;
    const nf = k.nullsFirst;
    if (cls === null) return sign === 1 ? cmp : (i: number, j: number) => cmp(j, i);
    return (i: number, j: number) => {
      const ci = cls(i); const cj = cls(j);
      if (ci !== cj) return nf ? cj - ci : ci - cj;
      if (ci !== 0) return 0;
      return sign * cmp(i, j);
    };
  });
  if (parts.length === 1) {
    const p = parts[0]!;
    return (i, j) => p(i, j) || i - j;
  }
  return (i, j) => {
    for (let k = 0; k < parts.length; k++) {
      const c = parts[k]!(i, j);
      if (c !== 0) return c;
    }
    return i - j;
  };
}
