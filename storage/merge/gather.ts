/**
 * Gather: reorder a column by a permutation (row k of the result is row perm[k] of the input).
 */
import type { TypedArray } from '../../src/core/types.ts';
import { flatVector, stringVector } from '../../src/core/vector.ts';
import type { PlainVector } from '../segment/column-builder.ts';

/** Rows `perm[0..]` of `v`, as a new vector. 64-bit values move as Int32 word pairs (no BigInt). */
export function gather(v: PlainVector, perm: Uint32Array): PlainVector {
  const n = perm.length;
  let nulls: Uint8Array | null = null;
  if (v.nulls !== null) {
    const src = v.nulls;
    nulls = new Uint8Array(n);
    for (let k = 0; k < n; k++) nulls[k] = src[perm[k]!]!;
  }
  if (v.kind === 'string') {
    const offsets = new Int32Array(n + 1);
    const so = v.offsets;
    let total = 0;
    for (let k = 0; k < n; k++) {
      const r = perm[k]!;
      total += so[r + 1]! - so[r]!;
      offsets[k + 1] = total;
    }
    const bytes = new Uint8Array(total);
    const sb = v.bytes;
    let pos = 0;
    for (let k = 0; k < n; k++) {
      const r = perm[k]!;
      const a = so[r]!;
      const b = so[r + 1]!;
      if (b - a <= 16) for (let i = a; i < b; i++) bytes[pos++] = sb[i]!;
      else { bytes.set(sb.subarray(a, b), pos); pos += b - a; }
    }
    return stringVector(v.type, offsets, bytes, nulls);
  }
  const Ctor = v.values.constructor as Float64ArrayConstructor;
  const out = new Ctor(n);
  if (v.values.BYTES_PER_ELEMENT === 8 && !(v.values instanceof Float64Array)) {
    const src = new Int32Array(v.values.buffer, v.values.byteOffset, v.values.length * 2);
    const dst = new Int32Array(out.buffer);
    for (let k = 0; k < n; k++) {
      const r = perm[k]! * 2;
      dst[2 * k] = src[r]!;
      dst[2 * k + 1] = src[r + 1]!;
    }
  } else {
    const src = v.values as Float64Array;
    for (let k = 0; k < n; k++) out[k] = src[perm[k]!]!;
  }
  return flatVector(v.type, out as TypedArray, nulls);
}
