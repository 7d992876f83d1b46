/**
 * Turn any vector into its flat layout (FlatVector or StringVector), the form block encoding works on.
 * Flat and string vectors are returned as they are.
 */
import { EddyError } from '../../src/core/errors.ts';
import { arrayTypeOf, type TypedArray } from '../../src/core/types.ts';
import { type FlatVector, type StringVector, type Vector, utf8 } from '../../src/core/vector.ts';

/** The same rows as a FlatVector (fixed-width types) or StringVector (String). */
export function materialize(v: Vector): FlatVector | StringVector {
  switch (v.kind) {
    case 'flat': case 'string': return v;
    case 'dict': return materializeDict(v.dict, v.codes, v.nulls, v.length);
    case 'const': return materializeConst(v);
  }
}

function materializeDict(dict: FlatVector | StringVector, codes: ArrayLike<number>, nulls: Uint8Array | null,
  n: number): FlatVector | StringVector {
  const type = dict.type.nullable || nulls === null ? dict.type : { ...dict.type, nullable: true };
  if (dict.kind === 'flat') {
    const C = arrayTypeOf(dict.type);
    const out = new C(n) as TypedArray;
    const src = dict.values;
    if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
      const o32 = new Int32Array(out.buffer);
      const s32 = new Int32Array(src.buffer, src.byteOffset, src.length * 2);
      for (let i = 0; i < n; i++) {
        const c = codes[i]!;
        o32[2 * i] = s32[2 * c]!;
        o32[2 * i + 1] = s32[2 * c + 1]!;
      }
    } else {
      const o = out as Float64Array;
      const s = src as Float64Array;
      for (let i = 0; i < n; i++) o[i] = s[codes[i]!]!;
    }
    return { kind: 'flat', type, length: n, values: out, nulls: mergeNulls(nulls, dict.nulls, codes, n) };
  }
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    total += dict.offsets[c + 1]! - dict.offsets[c]!;
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    bytes.set(dict.bytes.subarray(dict.offsets[c]!, dict.offsets[c + 1]!), offsets[i]!);
  }
  return { kind: 'string', type, length: n, offsets, bytes, nulls: mergeNulls(nulls, dict.nulls, codes, n) };
}

/** Row NULL when the dict row says so or the code points at a NULL dictionary entry. */
function mergeNulls(nulls: Uint8Array | null, dictNulls: Uint8Array | null, codes: ArrayLike<number>,
  n: number): Uint8Array | null {
  if (dictNulls === null) return nulls;
  const out = nulls === null ? new Uint8Array(n) : nulls.slice(0, n);
  for (let i = 0; i < n; i++) out[i]! |= dictNulls[codes[i]!]!;
  return out;
}

function materializeConst(v: Extract<Vector, { kind: 'const' }>): FlatVector | StringVector {
  const n = v.length;
  const nulls = v.value === null ? new Uint8Array(n).fill(1) : null;
  if (v.type.kind === 'String') {
    if (v.value !== null && typeof v.value !== 'string') {
      throw new EddyError('TYPE_MISMATCH', `Constant ${String(v.value)} is not a String`);
    }
    const one = v.value === null ? new Uint8Array(0) : utf8(v.value);
    const offsets = new Int32Array(n + 1);
    const bytes = new Uint8Array(one.length * n);
    for (let i = 0; i < n; i++) {
      bytes.set(one, i * one.length);
      offsets[i + 1] = (i + 1) * one.length;
    }
    return { kind: 'string', type: v.type, length: n, offsets, bytes, nulls };
  }
  const C = arrayTypeOf(v.type);
  const out = new C(n) as TypedArray;
  if (v.value !== null) {
    if (out instanceof BigInt64Array || out instanceof BigUint64Array) out.fill(BigInt(v.value as number | bigint));
    else (out as Float64Array).fill(typeof v.value === 'boolean' ? Number(v.value) : Number(v.value));
  }
  return { kind: 'flat', type: v.type, length: n, values: out, nulls };
}
