/**
 * Building blocks for GroupsAccumulators: geometric growth of per-group typed arrays, NULL-aware row
 * iteration inputs, and exact integer sums kept as two doubles per group (hi * 2^32 + lo), so
 * sum(Int64) stays exact without BigInt and narrow sums never lose precision.
 */
import type { DataType, TypedArray } from '../../src/core/types.ts';
import type { FlatVector, Vector } from '../../src/core/vector.ts';
import { flatVector } from '../../src/core/vector.ts';
import { allocValues, halves } from './build.ts';
import { TWO32, nullsOf, readF64, readI64 } from './read.ts';

/** A typed array at least `need` long, growing geometrically (contents kept, new slots filled with `fill`). */
export function grow<A extends Float64Array | Uint8Array | Int32Array | Uint32Array>(a: A, need: number, fill = 0): A {
  if (a.length >= need) return a;
  let cap = Math.max(16, a.length * 2);
  while (cap < need) cap *= 2;
  const b = new (a.constructor as new (n: number) => A)(cap);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/** Largest group id among the first n (for sizing state arrays); -1 when n = 0. */
export function maxGroup(groupIds: Uint32Array, n: number): number {
  let m = -1;
  for (let i = 0; i < n; i++) if (groupIds[i]! > m) m = groupIds[i]!;
  return m;
}

/** Group ids that are all 0, for folding a batch into one group through an ordinary update. */
export const ZEROS = {
  ids: new Uint32Array(0),
  /** At least n zeros (shared and never written: treat as read-only). */
  get(n: number): Uint32Array {
    if (this.ids.length < n) this.ids = new Uint32Array(n);
    return this.ids;
  },
};

/** The NULL mask of an aggregate argument (null when it has none). Alias of nullsOf for readability. */
export const argNulls: (v: Vector, n: number) => Uint8Array | null = nullsOf;

/** True for kinds whose sums are exact integers (everything but floats). */
export function isIntegerSum(t: DataType): boolean {
  return t.kind !== 'Float32' && t.kind !== 'Float64';
}

const LIMIT = 2 ** 52;
/** Rows summed locally by addAll before folding into the state (2^20 · 2^32 < 2^53). */
const CHUNK = 1 << 20;

/**
 * Per-group exact integer sums: value = hi * 2^32 + lo. `wrap` keeps hi within 32 bits (sum wraps
 * modulo 2^64 like ClickHouse's Int64/UInt64 sum); without it hi grows freely (avg: exact to 2^85).
 * The hi array exists only once some sum needs it (64-bit inputs, or lo passing 2^52): sums of narrow
 * integers over millions of groups then keep one array, not two.
 */
export class ExactSums {
  /** Empty while every sum fits lo; afterwards as long as lo. */
  hi = new Float64Array(0);
  lo = new Float64Array(0);
  constructor(private readonly wrap: boolean) {}

  /** Make room for `groups` groups. */
  ensure(groups: number): void {
    this.lo = grow(this.lo, groups);
    if (this.hi.length > 0) this.hi = grow(this.hi, this.lo.length);
  }

  /** The hi array, allocated (as long as lo) on first use. */
  private highs(): Float64Array {
    if (this.hi.length < this.lo.length) this.hi = grow(this.hi, this.lo.length);
    return this.hi;
  }

  private fix(g: number): void {
    const lo = this.lo[g]!;
    const c = Math.floor(lo / TWO32);
    if (c === 0 && this.hi.length === 0) return;
    this.lo[g] = lo - c * TWO32;
    const highs = this.highs();
    let hi = highs[g]! + c;
    if (this.wrap && (hi >= LIMIT || hi <= -LIMIT)) hi = hi % TWO32;
    highs[g] = hi;
  }

  /** Group g's hi half (0 while there is no hi array). */
  private high(g: number): number {
    return this.hi.length === 0 ? 0 : this.hi[g]!;
  }

  /** Add rows of an integer vector (any width) to their groups, skipping rows where skip[i] = 1. */
  add(v: Vector, groupIds: Uint32Array, n: number, skip: Uint8Array | null): void {
    const wide = v.type.kind === 'Int64' || v.type.kind === 'UInt64' || v.type.kind === 'DateTime64';
    if (wide) {
      const sh = this.highs(); const sl = this.lo;
      const { hi: h, lo: l, m } = readI64(v, n);
      for (let i = 0; i < n; i++) {
        if (skip !== null && skip[i] === 1) continue;
        const g = groupIds[i]!;
        sh[g]! += h[i & m]!;
        sl[g]! += l[i & m]!;
        if (sl[g]! >= LIMIT || sh[g]! >= LIMIT || sh[g]! <= -LIMIT) this.fix(g);
      }
    } else {
      const sl = this.lo;
      const { a, m } = numbers(v, n);
      for (let i = 0; i < n; i++) {
        if (skip !== null && skip[i] === 1) continue;
        const g = groupIds[i]!;
        sl[g]! += a[i & m]!;
        if (sl[g]! >= LIMIT || sl[g]! <= -LIMIT) this.fix(g);
      }
    }
  }

  /**
   * Add every row of a flat integer vector to group g (no group ids to look up), skipping rows where
   * skip[i] = 1. Rows are summed in local doubles in chunks of 2^20, which stay exact: every addend
   * (a narrow value, or a 64-bit value's 32-bit half) is below 2^32 in magnitude.
   */
  addAll(v: FlatVector, g: number, n: number, skip: Uint8Array | null): void {
    const wide = v.type.kind === 'Int64' || v.type.kind === 'UInt64' || v.type.kind === 'DateTime64';
    const w = wide ? new Int32Array(v.values.buffer, v.values.byteOffset, 2 * n) : null;
    const a = v.values as Exclude<typeof v.values, BigInt64Array | BigUint64Array>;
    for (let from = 0; from < n; from += CHUNK) {
      const to = Math.min(n, from + CHUNK);
      let hi = 0;
      let lo: number;
      if (w !== null) {
        const halves = skip === null ? (v.type.kind === 'UInt64' ? sumHalvesU64(w, from, to) : sumHalvesI64(w, from, to))
          : sumHalvesWhere(w, from, to, skip, v.type.kind === 'UInt64');
        hi = halves.hi;
        lo = halves.lo;
      } else if (skip === null) lo = sumLanes(a, from, to);
      else { lo = 0; for (let i = from; i < to; i++) if (skip[i] === 0) lo += a[i]!; }
      if (hi !== 0) this.highs()[g]! += hi;
      this.lo[g]! += lo;
      this.fix(g);
    }
  }

  /** Group g's sum as a double (rounded when beyond 2^53). */
  toNumber(g: number): number {
    return this.high(g) * TWO32 + this.lo[g]!;
  }

  /**
   * Groups 0..n-1 (or rows[0..n) when given) as an Int64/UInt64 vector of type t (wrapped to 64 bits),
   * NULL where nulls[i] = 1.
   */
  toVector(t: DataType, n: number, nulls: Uint8Array | null, rows: Uint32Array | null = null): Vector {
    const out = allocValues(t, n) as BigInt64Array;
    const w = halves(out);
    for (let i = 0; i < n; i++) {
      const g = rows === null ? i : rows[i]!;
      const lo = this.lo[g]!;
      const c = Math.floor(lo / TWO32);
      w[2 * i] = lo - c * TWO32;
      w[2 * i + 1] = (this.high(g) + c) % TWO32;
    }
    return flatVector(t, out, nulls);
  }

  /** Approximate bytes held. */
  memoryBytes(): number {
    return this.hi.byteLength + this.lo.byteLength;
  }
}

/**
 * Rows of a numeric vector as numbers: row i is a[i & m]. A flat vector of up to 32 bits is read in
 * place (no per-batch copy to doubles); 64-bit, dictionary and constant vectors go through readF64.
 */
export function numbers(v: Vector, n: number): { readonly a: ArrayLike<number>; readonly m: number } {
  if (v.kind === 'flat' && !(v.values instanceof BigInt64Array) && !(v.values instanceof BigUint64Array)) return { a: v.values, m: -1 };
  return readF64(v, n);
}

/** Write per-group counts (doubles, exact below 2^53) as a UInt64 vector. */
export function countsToUInt64(t: DataType, counts: Float64Array, groups: number): Vector {
  const out = new BigUint64Array(groups);
  const w = halves(out);
  for (let g = 0; g < groups; g++) {
    const c = counts[g]!;
    const hi = Math.floor(c / TWO32);
    w[2 * g] = c - hi * TWO32;
    w[2 * g + 1] = hi;
  }
  return flatVector(t, out);
}

// Whole-column sums for addAll. Each loop keeps four partial sums, so four additions are in flight at
// once instead of one chain of dependent double additions (4 cycles each); every loop reads one array
// type, which keeps its element loads monomorphic whatever columns a process sums.

/** Sum of a[from..to) for a narrow integer array (one monomorphic loop per array type). */
function sumLanes(a: Exclude<TypedArray, BigInt64Array | BigUint64Array>, from: number, to: number): number {
  if (a instanceof Int8Array) return sumI8(a, from, to);
  if (a instanceof Uint8Array) return sumU8(a, from, to);
  if (a instanceof Int16Array) return sumI16(a, from, to);
  if (a instanceof Uint16Array) return sumU16(a, from, to);
  if (a instanceof Int32Array) return sumI32(a, from, to);
  if (a instanceof Uint32Array) return sumU32(a, from, to);
  let s = 0;
  for (let i = from; i < to; i++) s += a[i]!;
  return s;
}

function sumI8(a: Int8Array, from: number, to: number): number {
  let s0 = 0; let s1 = 0; let s2 = 0; let s3 = 0; let i = from;
  for (; i + 3 < to; i += 4) { s0 += a[i]!; s1 += a[i + 1]!; s2 += a[i + 2]!; s3 += a[i + 3]!; }
  for (; i < to; i++) s0 += a[i]!;
  return s0 + s1 + s2 + s3;
}
function sumU8(a: Uint8Array, from: number, to: number): number {
  let s0 = 0; let s1 = 0; let s2 = 0; let s3 = 0; let i = from;
  for (; i + 3 < to; i += 4) { s0 += a[i]!; s1 += a[i + 1]!; s2 += a[i + 2]!; s3 += a[i + 3]!; }
  for (; i < to; i++) s0 += a[i]!;
  return s0 + s1 + s2 + s3;
}
function sumI16(a: Int16Array, from: number, to: number): number {
  let s0 = 0; let s1 = 0; let s2 = 0; let s3 = 0; let i = from;
  for (; i + 3 < to; i += 4) { s0 += a[i]!; s1 += a[i + 1]!; s2 += a[i + 2]!; s3 += a[i + 3]!; }
  for (; i < to; i++) s0 += a[i]!;
  return s0 + s1 + s2 + s3;
}
function sumU16(a: Uint16Array, from: number, to: number): number {
  let s0 = 0; let s1 = 0; let s2 = 0; let s3 = 0; let i = from;
  for (; i + 3 < to; i += 4) { s0 += a[i]!; s1 += a[i + 1]!; s2 += a[i + 2]!; s3 += a[i + 3]!; }
  for (; i < to; i++) s0 += a[i]!;
  return s0 + s1 + s2 + s3;
}
function sumI32(a: Int32Array, from: number, to: number): number {
  let s0 = 0; let s1 = 0; let s2 = 0; let s3 = 0; let i = from;
  for (; i + 3 < to; i += 4) { s0 += a[i]!; s1 += a[i + 1]!; s2 += a[i + 2]!; s3 += a[i + 3]!; }
  for (; i < to; i++) s0 += a[i]!;
  return s0 + s1 + s2 + s3;
}
function sumU32(a: Uint32Array, from: number, to: number): number {
  let s0 = 0; let s1 = 0; let s2 = 0; let s3 = 0; let i = from;
  for (; i + 3 < to; i += 4) { s0 += a[i]!; s1 += a[i + 1]!; s2 += a[i + 2]!; s3 += a[i + 3]!; }
  for (; i < to; i++) s0 += a[i]!;
  return s0 + s1 + s2 + s3;
}

/** Sums of the high (signed) and low (unsigned) words of 64-bit values from..to, in one pass. */
function sumHalvesI64(w: Int32Array, from: number, to: number): { hi: number; lo: number } {
  let h0 = 0; let h1 = 0; let l0 = 0; let l1 = 0; let i = from;
  for (; i + 1 < to; i += 2) { l0 += w[2 * i]! >>> 0; h0 += w[2 * i + 1]!; l1 += w[2 * i + 2]! >>> 0; h1 += w[2 * i + 3]!; }
  for (; i < to; i++) { l0 += w[2 * i]! >>> 0; h0 += w[2 * i + 1]!; }
  return { hi: h0 + h1, lo: l0 + l1 };
}
/** As sumHalvesI64 with unsigned high words (UInt64). */
function sumHalvesU64(w: Int32Array, from: number, to: number): { hi: number; lo: number } {
  let h0 = 0; let h1 = 0; let l0 = 0; let l1 = 0; let i = from;
  for (; i + 1 < to; i += 2) { l0 += w[2 * i]! >>> 0; h0 += w[2 * i + 1]! >>> 0; l1 += w[2 * i + 2]! >>> 0; h1 += w[2 * i + 3]! >>> 0; }
  for (; i < to; i++) { l0 += w[2 * i]! >>> 0; h0 += w[2 * i + 1]! >>> 0; }
  return { hi: h0 + h1, lo: l0 + l1 };
}
/** As sumHalvesI64 / sumHalvesU64 over the rows with skip[i] = 0. */
function sumHalvesWhere(w: Int32Array, from: number, to: number, skip: Uint8Array, unsigned: boolean): { hi: number; lo: number } {
  let hi = 0; let lo = 0;
  for (let i = from; i < to; i++) if (skip[i] === 0) { lo += w[2 * i]! >>> 0; hi += unsigned ? w[2 * i + 1]! >>> 0 : w[2 * i + 1]!; }
  return { hi, lo };
}
