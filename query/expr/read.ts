/**
 * Unified readers over the four vector encodings (DuckDB's "unified format"): a kernel asks for the
 * values it computes in and gets one typed array plus an index mask, so one loop serves flat, dict and
 * const inputs. Row i lives at index `i & m`: m = -1 for per-row arrays, m = 0 for a constant (length-1
 * array). Dictionaries are gathered once per batch.
 */
import type { DataType } from '../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import { utf8 } from '../../src/core/vector.ts';

/** Doubles for every row: row i is a[i & m]. */
export interface F64View { readonly a: Float64Array; readonly m: number }

/** Exact 64-bit integers as two doubles: row i is hi[i & m] * 2^32 + lo[i & m], lo in [0, 2^32). */
export interface I64View { readonly hi: Float64Array; readonly lo: Float64Array; readonly m: number }

/** Strings: row i is bytes[offsets[j] .. offsets[j+1]) with j = codes ? codes[i] : i & m. */
export interface StrView {
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
  readonly codes: Uint8Array | Uint16Array | Uint32Array | null;
  readonly m: number;
}

/** 2^32 as a double. */
export const TWO32 = 4294967296;

function wide(t: DataType): boolean {
  return t.kind === 'Int64' || t.kind === 'UInt64' || t.kind === 'DateTime64';
}

/** Convert a non-null numeric/temporal/bool scalar to a double. */
export function scalarToNumber(x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x === 'boolean') return x ? 1 : 0;
  return 0;
}

/** Values of a flat numeric vector as doubles (Int64 through its Int32 halves, no BigInt). */
function flatToF64(v: FlatVector): Float64Array {
  const n = v.length;
  if (v.values instanceof Float64Array) return v.values;
  const out = new Float64Array(n);
  if (wide(v.type)) {
    const w = new Int32Array(v.values.buffer, v.values.byteOffset, 2 * n);
    if (v.type.kind === 'UInt64') for (let i = 0; i < n; i++) out[i] = (w[2 * i + 1]! >>> 0) * TWO32 + (w[2 * i]! >>> 0);
    else for (let i = 0; i < n; i++) out[i] = w[2 * i + 1]! * TWO32 + (w[2 * i]! >>> 0);
  } else {
    out.set(v.values as Exclude<typeof v.values, BigInt64Array | BigUint64Array>);
  }
  return out;
}

/** Read a numeric, Bool or temporal vector as doubles (exact up to 2^53). */
export function readF64(v: Vector, n: number): F64View {
  switch (v.kind) {
    case 'const': return { a: Float64Array.of(scalarToNumber(v.value)), m: 0 };
    case 'flat': return { a: flatToF64(v), m: -1 };
    case 'dict': {
      const d = flatToF64(v.dict as FlatVector);
      const out = new Float64Array(n);
      const c = v.codes;
      for (let i = 0; i < n; i++) out[i] = d[c[i]!]!;
      return { a: out, m: -1 };
    }
    case 'string': throw new Error('readF64 over a string vector');
  }
}

/** Split a double (truncated toward zero) into hi/lo halves of its 64-bit two's complement value. */
export function splitF64(x: number, hiOut: Float64Array, loOut: Float64Array, i: number): void {
  const t = Math.trunc(x) || 0;
  const hi = Math.floor(t / TWO32);
  hiOut[i] = hi;
  loOut[i] = t - hi * TWO32;
}

function flatToI64(v: FlatVector, hi: Float64Array, lo: Float64Array): void {
  const n = v.length;
  if (wide(v.type)) {
    const w = new Int32Array(v.values.buffer, v.values.byteOffset, 2 * n);
    if (v.type.kind === 'UInt64') for (let i = 0; i < n; i++) { hi[i] = w[2 * i + 1]! >>> 0; lo[i] = w[2 * i]! >>> 0; }
    else for (let i = 0; i < n; i++) { hi[i] = w[2 * i + 1]!; lo[i] = w[2 * i]! >>> 0; }
  } else {
    const a = v.values as Exclude<typeof v.values, BigInt64Array | BigUint64Array>;
    for (let i = 0; i < n; i++) splitF64(a[i]!, hi, lo, i);
  }
}

/** Read an integer vector as exact 64-bit hi/lo halves (UInt64 keeps hi unsigned, so mixed signs compare right). */
export function readI64(v: Vector, n: number): I64View {
  switch (v.kind) {
    case 'const': {
      const hi = new Float64Array(1);
      const lo = new Float64Array(1);
      const x = v.value;
      if (typeof x === 'bigint') {
        const u = BigInt.asUintN(64, x);
        const l = Number(u & 0xffffffffn);
        const h = Number(u >> 32n);
        hi[0] = x < 0n ? h - TWO32 : h;
        lo[0] = l;
      } else splitF64(scalarToNumber(x), hi, lo, 0);
      return { hi, lo, m: 0 };
    }
    case 'flat': {
      const hi = new Float64Array(n);
      const lo = new Float64Array(n);
      flatToI64(v, hi, lo);
      return { hi, lo, m: -1 };
    }
    case 'dict': {
      const d = v.dict as FlatVector;
      const dh = new Float64Array(d.length);
      const dl = new Float64Array(d.length);
      flatToI64(d, dh, dl);
      const hi = new Float64Array(n);
      const lo = new Float64Array(n);
      const c = v.codes;
      for (let i = 0; i < n; i++) { const j = c[i]!; hi[i] = dh[j]!; lo[i] = dl[j]!; }
      return { hi, lo, m: -1 };
    }
    case 'string': throw new Error('readI64 over a string vector');
  }
}

/** Read a string vector (flat, dict or const) without copying flat bytes. */
export function readStr(v: Vector): StrView {
  switch (v.kind) {
    case 'string': return { offsets: v.offsets, bytes: v.bytes, codes: null, m: -1 };
    case 'dict': {
      const d = v.dict as StringVector;
      return { offsets: d.offsets, bytes: d.bytes, codes: v.codes, m: -1 };
    }
    case 'const': {
      const b = utf8(typeof v.value === 'string' ? v.value : v.value === null ? '' : String(v.value));
      return { offsets: Int32Array.of(0, b.length), bytes: b, codes: null, m: 0 };
    }
    case 'flat': throw new Error('readStr over a numeric vector');
  }
}

/** The NULL mask of v expanded to n rows (1 = NULL), or null when no row is NULL. */
export function nullsOf(v: Vector, n: number): Uint8Array | null {
  if (v.kind === 'const') return v.value === null ? new Uint8Array(n).fill(1) : null;
  return v.nulls;
}

/** Union of the NULL masks of several vectors (a fresh array when two or more have NULLs). */
export function unionNulls(vs: readonly Vector[], n: number): Uint8Array | null {
  let out: Uint8Array | null = null;
  let owned = false;
  for (const v of vs) {
    const m = nullsOf(v, n);
    if (m === null) continue;
    if (out === null) { out = m; continue; }
    if (!owned) { out = out.slice(); owned = true; }
    for (let i = 0; i < n; i++) out[i]! |= m[i]!;
  }
  return out;
}

/** Truth values (0/1) of a numeric or Bool vector: row i is a[i & m]. Flat UInt8/Bool is used as is. */
export function readBool(v: Vector, n: number): { a: Uint8Array; m: number } {
  if (v.kind === 'flat' && v.values instanceof Uint8Array) {
    if (v.type.kind === 'Bool') return { a: v.values, m: -1 };
    const src = v.values, out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = src[i] !== 0 ? 1 : 0;
    return { a: out, m: -1 };
  }
  const { a, m } = readF64(v, n);
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] !== 0 && !Number.isNaN(a[i]) ? 1 : 0;
  return { a: out, m };
}
