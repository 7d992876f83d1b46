/**
 * Turn any vector encoding into flat or string form, and concatenate vectors of one type.
 * Used where storage needs plain columns (inserts, defaults) — not inside query kernels.
 */
import type { DataType, Scalar } from './types.ts';
import { arrayTypeOf } from './types.ts';
import type { FlatVector, StringVector, Vector } from './vector.ts';
import { flatVector, stringVector, utf8 } from './vector.ts';
import { vectorFromScalars } from './builder.ts';
import { takeStrings, takeValues, wideCodes } from './take.ts';

/** The same rows as a flat or string vector. */
export function materialize(v: Vector): FlatVector | StringVector {
  switch (v.kind) {
    case 'flat': case 'string': return v;
    case 'const': return repeatScalar(v.type, v.value, v.length);
    case 'dict': return materializeDict(v.dict, v.codes, v.nulls, v.length);
  }
}

/** A flat/string vector holding `value` `n` times. */
export function repeatScalar(type: DataType, value: Scalar, n: number): FlatVector | StringVector {
  if (type.kind === 'String') {
    const b = value === null ? new Uint8Array(0) : utf8(String(value));
    const offsets = new Int32Array(n + 1);
    const bytes = new Uint8Array(b.length * n);
    for (let i = 0; i < n; i++) {
      bytes.set(b, i * b.length);
      offsets[i + 1] = (i + 1) * b.length;
    }
    return stringVector(type, offsets, bytes, value === null ? new Uint8Array(n).fill(1) : null);
  }
  const one = vectorFromScalars(type, [value]) as FlatVector;
  const arr = new (arrayTypeOf(type))(n);
  (arr as Float64Array).fill((one.values as Float64Array)[0]!);
  return flatVector(type, arr, value === null ? new Uint8Array(n).fill(1) : null);
}

function materializeDict(dict: FlatVector | StringVector, codes: Uint8Array | Uint16Array | Uint32Array, nulls: Uint8Array | null,
  n: number): FlatVector | StringVector {
  const type = dict.type.nullable || nulls === null ? dict.type : { ...dict.type, nullable: true };
  const idx = wideCodes(codes);
  const outNulls = mergeNulls(nulls, dict.nulls, idx, n);
  if (dict.kind === 'flat') return { kind: 'flat', type, length: n, values: takeValues(dict.values, idx, n), nulls: outNulls };
  const t = takeStrings(dict.offsets, dict.bytes, idx, n);
  return { kind: 'string', type, length: n, offsets: t.offsets, bytes: t.bytes, nulls: outNulls };
}

/** Row NULL when the dict row says so or the code points at a NULL dictionary entry. */
function mergeNulls(nulls: Uint8Array | null, dictNulls: Uint8Array | null, codes: Uint32Array,
  n: number): Uint8Array | null {
  if (dictNulls === null) return nulls;
  const out = nulls === null ? new Uint8Array(n) : nulls.slice(0, n);
  for (let i = 0; i < n; i++) out[i]! |= dictNulls[codes[i]!]!;
  return out;
}

/** Concatenate vectors of one type into one flat/string vector. */
export function concatVectors(type: DataType, parts: readonly Vector[]): FlatVector | StringVector {
  const flat = parts.map(materialize);
  if (flat.length === 1) return flat[0]!;
  const n = flat.reduce((s, v) => s + v.length, 0);
  const anyNulls = flat.some((v) => v.nulls !== null);
  const nulls = anyNulls ? new Uint8Array(n) : null;
  let row = 0;
  for (const v of flat) {
    if (nulls && v.nulls) nulls.set(v.nulls, row);
    row += v.length;
  }
  if (type.kind === 'String') {
    const strs = flat as StringVector[];
    const total = strs.reduce((s, v) => s + (v.offsets[v.length]! - v.offsets[0]!), 0);
    const offsets = new Int32Array(n + 1);
    const bytes = new Uint8Array(total);
    let r = 0;
    let pos = 0;
    for (const v of strs) {
      const base = v.offsets[0]!;
      const len = v.offsets[v.length]! - base;
      bytes.set(v.bytes.subarray(base, base + len), pos);
      for (let i = 1; i <= v.length; i++) offsets[r + i] = pos + v.offsets[i]! - base;
      r += v.length;
      pos += len;
    }
    return stringVector(type, offsets, bytes, nulls);
  }
  const out = new (arrayTypeOf(type))(n) as Float64Array;
  let at = 0;
  for (const v of flat as FlatVector[]) {
    out.set(v.values as Float64Array, at);
    at += v.length;
  }
  return flatVector(type, out, nulls);
}

/** The rows of `v` listed in `sel`, as a flat/string vector of length sel.length. */
export function gather(v: Vector, sel: Uint32Array): FlatVector | StringVector {
  const m = materialize(v);
  const n = sel.length;
  let nulls: Uint8Array | null = null;
  if (m.nulls) {
    nulls = new Uint8Array(n);
    for (let i = 0; i < n; i++) nulls[i] = m.nulls[sel[i]!]!;
  }
  if (m.kind === 'flat') {
    const out = new (arrayTypeOf(m.type))(n) as Float64Array;
    const src = m.values as Float64Array;
    for (let i = 0; i < n; i++) out[i] = src[sel[i]!]!;
    return flatVector(m.type, out, nulls);
  }
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = sel[i]!;
    total += m.offsets[r + 1]! - m.offsets[r]!;
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let i = 0; i < n; i++) {
    const r = sel[i]!;
    bytes.set(m.bytes.subarray(m.offsets[r]!, m.offsets[r + 1]!), offsets[i]!);
  }
  return stringVector(m.type, offsets, bytes, nulls);
}
