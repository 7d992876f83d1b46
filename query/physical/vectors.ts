/**
 * Vector plumbing the operators share: gather rows by index, slice, concatenate, materialize constants
 * and dictionaries, and compact a batch's selection. Pure typed-array loops, no per-row objects.
 */
import type { Batch } from '../../src/core/batch.ts';
import { repeatScalar } from '../../src/core/materialize.ts';
import type { DataType } from '../../src/core/types.ts';
import { arrayTypeOf, is64Bit } from '../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import { flatVector, stringVector } from '../../src/core/vector.ts';
import { takeBytes, takeStrings, takeValues, wideCodes } from '../../src/core/take.ts';

/** Gather rows `idx[0..n)` of `v` into a new vector (dictionaries stay dictionaries). */
export function takeVector(v: Vector, idx: Uint32Array, n = idx.length): Vector {
  const nulls = v.kind === 'const' || v.nulls === null ? null : takeBytes(v.nulls, idx, n);
  switch (v.kind) {
    case 'const': return { ...v, length: n };
    case 'flat': return flatVector(v.type, takeValues(v.values, idx, n), nulls);
    case 'string': {
      const t = takeStrings(v.offsets, v.bytes, idx, n);
      return stringVector(v.type, t.offsets, t.bytes, nulls);
    }
    case 'dict': return { kind: 'dict', type: v.type, length: n, codes: takeValues(v.codes, idx, n), dict: v.dict, nulls };
  }
}

/** Rows [start, end) of `v` (views where the encoding allows). */
export function sliceVector(v: Vector, start: number, end: number): Vector {
  const n = end - start;
  switch (v.kind) {
    case 'const': return { ...v, length: n };
    case 'flat': return flatVector(v.type, v.values.subarray(start, end), v.nulls?.subarray(start, end) ?? null);
    case 'dict': return { ...v, length: n, codes: v.codes.subarray(start, end), nulls: v.nulls?.subarray(start, end) ?? null };
    case 'string': {
      const base = v.offsets[start]!;
      const o = new Int32Array(n + 1);
      for (let i = 0; i <= n; i++) o[i] = v.offsets[start + i]! - base;
      return stringVector(v.type, o, v.bytes.subarray(base, v.offsets[end]!), v.nulls?.subarray(start, end) ?? null);
    }
  }
}

/** The vector as flat values or strings (constants and dictionaries materialized). */
export function flatten(v: Vector): FlatVector | StringVector {
  switch (v.kind) {
    case 'flat': case 'string': return v;
    case 'const': return repeatScalar(v.type, v.value, v.length);
    case 'dict': {
      const inner = takeVector(v.dict, wideCodes(v.codes), v.length) as FlatVector | StringVector;
      return { ...inner, type: v.type, nulls: mergeNulls(inner.nulls, v.nulls, v.length) } as FlatVector | StringVector;
    }
  }
}

function mergeNulls(a: Uint8Array | null, b: Uint8Array | null, n: number): Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i]! | b[i]!;
  return out;
}

/** Concatenate vectors of one type into a flat or string vector. */
export function concatVectors(type: DataType, parts: readonly Vector[]): FlatVector | StringVector {
  const flats = parts.map(flatten);
  const n = flats.reduce((s, v) => s + v.length, 0);
  const anyNull = flats.some((v) => v.nulls !== null);
  const nulls = anyNull ? new Uint8Array(n) : null;
  if (nulls) {
    let p = 0;
    for (const v of flats) { if (v.nulls) nulls.set(v.nulls, p); p += v.length; }
  }
  if (type.kind === 'String') {
    const total = flats.reduce((s, v) => s + (v as StringVector).offsets[v.length]! - (v as StringVector).offsets[0]!, 0);
    const bytes = new Uint8Array(total);
    const offs = new Int32Array(n + 1);
    let p = 0; let b = 0;
    for (const f of flats) {
      const v = f as StringVector;
      const base = v.offsets[0]!;
      const end = v.offsets[v.length]!;
      bytes.set(v.bytes.subarray(base, end), b);
      for (let i = 0; i < v.length; i++) offs[p + i + 1] = b + v.offsets[i + 1]! - base;
      p += v.length; b += end - base;
    }
    return stringVector(type, offs, bytes, nulls);
  }
  const Ctor = arrayTypeOf(type);
  const out = new Ctor(n);
  let p = 0;
  for (const f of flats) {
    const v = f as FlatVector;
    if (v.values.constructor === Ctor) (out as Float64Array).set(v.values as Float64Array, p);
    else for (let i = 0; i < v.length; i++) (out as Float64Array)[p + i] = Number(v.values[i]);
    p += v.length;
  }
  return flatVector(type, out, nulls);
}

/** The batch with its selection applied (no-op when `sel` is null). */
export function compactBatch(b: Batch): Batch {
  if (b.sel === null) return b;
  const sel = b.sel;
  return { schema: b.schema, columns: b.columns.map((c) => takeVector(c, sel)), length: sel.length, sel: null };
}

/** A vector of `n` default values (0, '', epoch) of `type`, used for unmatched LEFT JOIN rows. */
export function defaultVector(type: DataType, n: number): Vector {
  return { kind: 'const', type, length: n, value: type.nullable ? null : type.kind === 'String' ? '' : is64Bit(type) ? 0n : type.kind === 'Bool' ? false : 0 };
}

/** Approximate bytes held by a vector (for max_memory_usage). */
export function vectorBytes(v: Vector): number {
  switch (v.kind) {
    case 'const': return 16;
    case 'flat': return v.values.byteLength + (v.nulls?.byteLength ?? 0);
    case 'string': return v.bytes.byteLength + v.offsets.byteLength + (v.nulls?.byteLength ?? 0);
    case 'dict': return v.codes.byteLength + (v.nulls?.byteLength ?? 0);
  }
}
