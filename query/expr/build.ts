/**
 * Result builders: typed-array results of a type, a growable UTF-8 string builder, exact 64-bit stores
 * from hi/lo doubles, and attaching NULL masks to results.
 */
import type { DataType, TypedArray } from '../../src/core/types.ts';
import { arrayTypeOf } from '../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import { constVector, dictVector, flatVector, stringVector } from '../../src/core/vector.ts';
import { TWO32 } from './read.ts';

/** A zeroed typed array of n values of type t (not for String). */
export function allocValues(t: DataType, n: number): TypedArray {
  return new (arrayTypeOf(t))(n);
}

/** The Int32 view (lo, hi interleaved) of a 64-bit typed array. */
export function halves(a: BigInt64Array | BigUint64Array): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, 2 * a.length);
}

/**
 * Store hi * 2^32 + lo (any doubles whose value is an integer below 2^53 in magnitude per half) at row i
 * of an Int32 view, wrapped to 64 bits two's complement as ClickHouse's integer overflow does.
 */
export function storeI64(w: Int32Array, i: number, hi: number, lo: number): void {
  const carry = Math.floor(lo / TWO32);
  w[2 * i] = lo - carry * TWO32;
  w[2 * i + 1] = hi + carry;
}

/** Store a double (truncated) as a 64-bit integer at row i of an Int32 view; exact below 2^53. */
export function storeF64AsI64(w: Int32Array, i: number, x: number): void {
  const t = Math.trunc(x) || 0;
  const hi = Math.floor(t / TWO32);
  w[2 * i] = t - hi * TWO32;
  w[2 * i + 1] = hi;
}

/** Write doubles into a result array of type t: ints truncate/wrap as C casts do, 64-bit through halves. */
export function fromF64(t: DataType, src: Float64Array): TypedArray {
  const n = src.length;
  const out = allocValues(t, n);
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    const w = halves(out);
    for (let i = 0; i < n; i++) storeF64AsI64(w, i, src[i]!);
  } else if (out instanceof Float64Array || out instanceof Float32Array) {
    out.set(src);
  } else {
    for (let i = 0; i < n; i++) out[i] = Math.trunc(src[i]!) || 0;
  }
  return out;
}

/** The same values as type `type` with NULL mask `nulls` (materialising a constant when nulls are given). */
export function retype(v: Vector, type: DataType, nulls: Uint8Array | null): Vector {
  switch (v.kind) {
    case 'flat': return flatVector(type, v.values, nulls ?? v.nulls);
    case 'string': return stringVector(type, v.offsets, v.bytes, nulls ?? v.nulls);
    case 'dict': return dictVector(type, v.codes, v.dict, nulls ?? v.nulls);
    case 'const':
      if (nulls === null || v.value === null) return constVector(type, v.value, v.length);
      return retype(materialize(v), type, nulls);
  }
}

/** A flat or string vector with the rows of v (dict gathered, const repeated). */
export function materialize(v: Vector): FlatVector | StringVector {
  const n = v.length;
  if (v.kind === 'flat' || v.kind === 'string') return v;
  if (v.kind === 'dict') {
    const d = v.dict;
    const c = v.codes;
    if (d.kind === 'flat') {
      const out = new (d.values.constructor as new (n: number) => TypedArray)(n);
      const src = d.values;
      for (let i = 0; i < n; i++) out[i] = src[c[i]!]!;
      return flatVector(v.type, out, v.nulls);
    }
    const sb = new StringBuilder(n);
    for (let i = 0; i < n; i++) { const j = c[i]!; sb.appendRange(d.bytes, d.offsets[j]!, d.offsets[j + 1]!); }
    return sb.finish(v.type, v.nulls);
  }
  const x = v.value;
  if (v.type.kind === 'String') {
    const sb = new StringBuilder(n);
    const b = new TextEncoder().encode(x === null ? '' : String(x));
    for (let i = 0; i < n; i++) sb.appendRange(b, 0, b.length);
    return sb.finish(v.type, x === null ? new Uint8Array(n).fill(1) : null);
  }
  const out = allocValues(v.type, n);
  if (x !== null) {
    if (out instanceof BigInt64Array || out instanceof BigUint64Array) out.fill(BigInt(x as bigint | number));
    else out.fill(typeof x === 'boolean' ? (x ? 1 : 0) : Number(x));
  }
  return flatVector(v.type, out, x === null ? new Uint8Array(n).fill(1) : null);
}

/** Growable UTF-8 bytes + offsets, the way string results are built without decoding. */
export class StringBuilder {
  offsets: Int32Array;
  bytes: Uint8Array;
  /** Rows appended so far. */
  count = 0;
  /** Bytes used so far. */
  size = 0;

  constructor(rows: number, bytesHint = rows * 16) {
    this.offsets = new Int32Array(rows + 1);
    this.bytes = new Uint8Array(Math.max(16, bytesHint));
  }

  /** Make room for `extra` more bytes. */
  reserve(extra: number): void {
    const need = this.size + extra;
    if (need <= this.bytes.length) return;
    let cap = this.bytes.length * 2;
    while (cap < need) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.bytes.subarray(0, this.size));
    this.bytes = b;
  }

  /** Append bytes src[start..end) to the current row (does not end the row). */
  pushRange(src: Uint8Array, start: number, end: number): void {
    const len = end - start;
    if (len <= 0) return;
    this.reserve(len);
    if (len < 16) { const b = this.bytes; let p = this.size; for (let k = start; k < end; k++) b[p++] = src[k]!; }
    else this.bytes.set(src.subarray(start, end), this.size);
    this.size += len;
  }

  /** Append one byte to the current row. */
  pushByte(x: number): void {
    this.reserve(1);
    this.bytes[this.size++] = x;
  }

  /** End the current row. */
  endRow(): void {
    if (this.count + 1 >= this.offsets.length) {
      const o = new Int32Array(this.offsets.length * 2);
      o.set(this.offsets);
      this.offsets = o;
    }
    this.offsets[++this.count] = this.size;
  }

  /** Append src[start..end) as a whole row. */
  appendRange(src: Uint8Array, start: number, end: number): void {
    this.pushRange(src, start, end);
    this.endRow();
  }

  /** Append a JS string as a whole row (slow path: formatting numbers, constants). */
  appendString(s: string): void {
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c >= 0x80) { const b = new TextEncoder().encode(s.slice(k)); this.pushRange(b, 0, b.length); break; }
      this.pushByte(c);
    }
    this.endRow();
  }

  /** The finished string vector. */
  finish(type: DataType, nulls: Uint8Array | null = null): StringVector {
    return stringVector(type, this.offsets.subarray(0, this.count + 1), this.bytes.subarray(0, this.size), nulls);
  }
}

/** Rows idx[0..m) of v, in that order (dictionaries keep their dictionary, constants their value). */
export function takeRows(v: Vector, idx: Uint32Array, m: number): Vector {
  const pickNulls = (nulls: Uint8Array | null): Uint8Array | null => {
    if (nulls === null) return null;
    const out = new Uint8Array(m);
    for (let k = 0; k < m; k++) out[k] = nulls[idx[k]!]!;
    return out;
  };
  switch (v.kind) {
    case 'const': return constVector(v.type, v.value, m);
    case 'dict': {
      const codes = new (v.codes.constructor as new (n: number) => Uint32Array)(m);
      for (let k = 0; k < m; k++) codes[k] = v.codes[idx[k]!]!;
      return dictVector(v.type, codes, v.dict, pickNulls(v.nulls));
    }
    case 'flat': {
      const src = v.values;
      const out = new (src.constructor as new (n: number) => TypedArray)(m);
      if (src instanceof BigInt64Array || src instanceof BigUint64Array) {
        const w = halves(src), o = halves(out as BigInt64Array);
        for (let k = 0; k < m; k++) { const j = idx[k]!; o[2 * k] = w[2 * j]!; o[2 * k + 1] = w[2 * j + 1]!; }
      } else {
        const o = out as Float64Array, s = src as Float64Array;
        for (let k = 0; k < m; k++) o[k] = s[idx[k]!]!;
      }
      return flatVector(v.type, out, pickNulls(v.nulls));
    }
    case 'string': {
      const sb = new StringBuilder(m);
      for (let k = 0; k < m; k++) { const j = idx[k]!; sb.appendRange(v.bytes, v.offsets[j]!, v.offsets[j + 1]!); }
      return sb.finish(v.type, pickNulls(v.nulls));
    }
  }
}
