/**
 * Row comparison on sort-key columns, shared by sorting and k-way merging.
 *
 * Order: numbers ascending (Float NaN after every number), Int64/UInt64/DateTime64 exact through
 * Int32 word views (no BigInt), strings by UTF-8 bytes (memcmp order), NULL after every value.
 * Columns are first "prepared" once per block so the per-row path is one monomorphic function.
 */
import type { PlainVector } from '../segment/column-builder.ts';

const NUM = 0;
const FLOAT = 1;
const I64 = 2;
const U64 = 3;
const STR = 4;

/** A key column with the views the comparator needs, built once per block by {@link prepareKeys}. */
export interface PreparedKey {
  readonly kind: number;
  readonly values: ArrayLike<number>;
  readonly words: Int32Array;
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
  readonly nulls: Uint8Array | null;
}

const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);

/** Prepare key columns (flat or string vectors) for {@link compareRows}. */
export function prepareKeys(columns: readonly PlainVector[]): PreparedKey[] {
  return columns.map((v): PreparedKey => {
    if (v.kind === 'string') {
      return { kind: STR, values: EMPTY_I32, words: EMPTY_I32, offsets: v.offsets, bytes: v.bytes, nulls: v.nulls };
    }
    const k = v.type.kind;
    if (k === 'Int64' || k === 'DateTime64' || k === 'UInt64') {
      const words = new Int32Array(v.values.buffer, v.values.byteOffset, v.values.length * 2);
      return { kind: k === 'UInt64' ? U64 : I64, values: EMPTY_I32, words, offsets: EMPTY_I32, bytes: EMPTY_U8, nulls: v.nulls };
    }
    const kind = k === 'Float32' || k === 'Float64' ? FLOAT : NUM;
    return { kind, values: v.values as ArrayLike<number>, words: EMPTY_I32, offsets: EMPTY_I32, bytes: EMPTY_U8, nulls: v.nulls };
  });
}

/** Compare row `i` of key columns `a` with row `j` of key columns `b` (same column types): <0, 0, >0. */
export function compareRows(a: readonly PreparedKey[], i: number, b: readonly PreparedKey[], j: number): number {
  for (let c = 0; c < a.length; c++) {
    const x = a[c]!;
    const y = b[c]!;
    const xn = x.nulls !== null && x.nulls[i] === 1;
    const yn = y.nulls !== null && y.nulls[j] === 1;
    if (xn || yn) {
      if (xn && yn) continue;
      return xn ? 1 : -1;
    }
    let r = 0;
    switch (x.kind) {
      case NUM: {
        const p = x.values[i]!;
        const q = y.values[j]!;
        r = p < q ? -1 : p > q ? 1 : 0;
        break;
      }
      case FLOAT: {
        const p = x.values[i]!;
        const q = y.values[j]!;
        if (p < q) r = -1;
        else if (p > q) r = 1;
        else if (p !== q) r = p !== p ? (q !== q ? 0 : 1) : -1; // NaN last
        break;
      }
      case I64: case U64: {
        const hp = x.words[2 * i + 1]!;
        const hq = y.words[2 * j + 1]!;
        if (hp !== hq) {
          r = x.kind === I64 ? (hp < hq ? -1 : 1) : ((hp >>> 0) < (hq >>> 0) ? -1 : 1);
        } else {
          const lp = x.words[2 * i]! >>> 0;
          const lq = y.words[2 * j]! >>> 0;
          r = lp < lq ? -1 : lp > lq ? 1 : 0;
        }
        break;
      }
      default: {
        let p = x.offsets[i]!;
        const pe = x.offsets[i + 1]!;
        let q = y.offsets[j]!;
        const qe = y.offsets[j + 1]!;
        const xb = x.bytes;
        const yb = y.bytes;
        while (p < pe && q < qe) {
          const d = xb[p]! - yb[q]!;
          if (d !== 0) { r = d; break; }
          p++; q++;
        }
        if (r === 0) r = (pe - p) - (qe - q);
      }
    }
    if (r !== 0) return r;
  }
  return 0;
}
