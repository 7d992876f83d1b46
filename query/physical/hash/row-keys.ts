/**
 * Serialize the key columns of each row into one byte string (and back), so multi-column keys of any
 * types can be hashed and compared as bytes. Layout per key: [null flag byte if the type is Nullable]
 * then the value: fixed-width types as their little-endian bytes, strings as u32 length + UTF-8 bytes.
 */
import type { DataType } from '../../../src/core/types.ts';
import { arrayTypeOf, byteWidth } from '../../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../../src/core/vector.ts';
import { flatVector, stringVector } from '../../../src/core/vector.ts';
import { flatten } from '../vectors.ts';

/** Row i's key is bytes[offsets[i] .. offsets[i+1]); `hasNull[i]` = 1 when any key of row i is NULL. */
export interface SerializedRows { readonly bytes: Uint8Array; readonly offsets: Int32Array; readonly hasNull: Uint8Array | null }

function bytesOf(v: FlatVector): Uint8Array {
  return new Uint8Array(v.values.buffer, v.values.byteOffset, v.values.byteLength);
}

/** Serialize rows 0..n of dense key vectors. Null flags are written only when `nullFlags`. */
export function serializeRows(keys: readonly Vector[], n: number, nullFlags: boolean): SerializedRows {
  const flat = keys.map(flatten);
  const offsets = new Int32Array(n + 1);
  let hasNull: Uint8Array | null = null;
  for (const v of flat) {
    if (v.nulls !== null) {
      hasNull ??= new Uint8Array(n);
      for (let i = 0; i < n; i++) hasNull[i]! |= v.nulls[i]!;
    }
  }
  // Sizes (stored shifted by one so a prefix sum gives starts).
  for (const v of flat) {
    const flag = nullFlags && v.type.nullable ? 1 : 0;
    if (v.kind === 'string') {
      for (let i = 0; i < n; i++) offsets[i + 1]! += flag + 4 + v.offsets[i + 1]! - v.offsets[i]!;
    } else {
      const w = flag + byteWidth(v.type);
      for (let i = 0; i < n; i++) offsets[i + 1]! += w;
    }
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const bytes = new Uint8Array(offsets[n]!);
  const pos = offsets.slice(0, n);
  for (const v of flat) {
    const flag = nullFlags && v.type.nullable;
    const nulls = v.nulls;
    if (v.kind === 'string') {
      const so = v.offsets; const sb = v.bytes;
      for (let i = 0; i < n; i++) {
        let p = pos[i]!;
        if (flag) bytes[p++] = nulls !== null ? nulls[i]! : 0;
        const s = so[i]!; const len = so[i + 1]! - s;
        bytes[p] = len & 255; bytes[p + 1] = (len >>> 8) & 255; bytes[p + 2] = (len >>> 16) & 255; bytes[p + 3] = len >>> 24;
        p += 4;
        for (let k = 0; k < len; k++) bytes[p + k] = sb[s + k]!;
        pos[i] = p + len;
      }
    } else {
      const src = bytesOf(v);
      const w = byteWidth(v.type);
      for (let i = 0; i < n; i++) {
        let p = pos[i]!;
        if (flag) bytes[p++] = nulls !== null ? nulls[i]! : 0;
        const s = i * w;
        for (let k = 0; k < w; k++) bytes[p + k] = src[s + k]!;
        pos[i] = p + w;
      }
    }
  }
  return { bytes, offsets, hasNull };
}

/** Decode `count` serialized keys (written with null flags) into one vector per key type. */
export function decodeRows(types: readonly DataType[], bytes: Uint8Array, offsets: Int32Array, count: number): Vector[] {
  const pos = offsets.slice(0, count);
  return types.map((t) => {
    const nulls = t.nullable ? new Uint8Array(count) : null;
    if (t.kind === 'String') {
      const o = new Int32Array(count + 1);
      const starts = new Int32Array(count);
      for (let g = 0; g < count; g++) {
        let p = pos[g]!;
        if (nulls) nulls[g] = bytes[p++]!;
        const len = (bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24)) >>> 0;
        starts[g] = p + 4;
        o[g + 1] = o[g]! + len;
        pos[g] = p + 4 + len;
      }
      const out = new Uint8Array(o[count]!);
      for (let g = 0; g < count; g++) out.set(bytes.subarray(starts[g]!, starts[g]! + o[g + 1]! - o[g]!), o[g]!);
      return stringVector(t, o, out, nulls) as StringVector;
    }
    const w = byteWidth(t);
    const values = new (arrayTypeOf(t))(count);
    const dst = new Uint8Array(values.buffer);
    for (let g = 0; g < count; g++) {
      let p = pos[g]!;
      if (nulls) nulls[g] = bytes[p++]!;
      for (let k = 0; k < w; k++) dst[g * w + k] = bytes[p + k]!;
      pos[g] = p + w;
    }
    return flatVector(t, values, nulls);
  });
}
