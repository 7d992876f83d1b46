/**
 * Take: rows `idx[0..n)` of a column into new arrays — filter compaction, dictionary expansion. The
 * loops move raw bits through one view type per value width (8-byte values as Int32 pairs, so no
 * BigInt, and float NaN bits kept), so each loop sees one array kind whatever the column type: a
 * single loop over every typed-array kind goes megamorphic and runs several times slower. Strings move
 * four bytes a step through DataViews instead of a subarray (an allocation) per row.
 */
import type { TypedArray } from './types.ts';

/** Rows `idx[0..n)` of `values`, as a new array of the same kind. */
export function takeValues<A extends TypedArray>(values: A, idx: Uint32Array, n: number): A {
  const out = new (values.constructor as new (n: number) => A)(n);
  const width = values.BYTES_PER_ELEMENT;
  if (width === 8) take64(new Int32Array(values.buffer, values.byteOffset, values.length * 2), new Int32Array(out.buffer), idx, n);
  else if (width === 4) take32(new Int32Array(values.buffer, values.byteOffset, values.length), new Int32Array(out.buffer), idx, n);
  else if (width === 2) take16(new Uint16Array(values.buffer, values.byteOffset, values.length), new Uint16Array(out.buffer), idx, n);
  else takeBytes(new Uint8Array(values.buffer, values.byteOffset, values.length), idx, n, new Uint8Array(out.buffer));
  return out;
}

function take64(src: Int32Array, dst: Int32Array, idx: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const j = idx[i]! * 2;
    dst[2 * i] = src[j]!;
    dst[2 * i + 1] = src[j + 1]!;
  }
}

function take32(src: Int32Array, dst: Int32Array, idx: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = src[idx[i]!]!;
}

function take16(src: Uint16Array, dst: Uint16Array, idx: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = src[idx[i]!]!;
}

/** Bytes `src[idx[0..n)]` (also null maps), into `out` when given. */
export function takeBytes(src: Uint8Array, idx: Uint32Array, n: number, out: Uint8Array = new Uint8Array(n)): Uint8Array {
  for (let i = 0; i < n; i++) out[i] = src[idx[i]!]!;
  return out;
}

/** Strings `idx[0..n)` of (`offsets`, `bytes`), as new offsets (from 0) and bytes. */
export function takeStrings(offsets: Int32Array, bytes: Uint8Array, idx: Uint32Array, n: number): { offsets: Int32Array; bytes: Uint8Array } {
  const o = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const j = idx[i]!;
    total += offsets[j + 1]! - offsets[j]!;
    o[i + 1] = total;
  }
  const out = new Uint8Array(total);
  const src = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dst = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    const j = idx[i]!;
    const a = offsets[j]!;
    const len = offsets[j + 1]! - a;
    copyBytes(src, a, dst, o[i]!, len);
  }
  return { offsets: o, bytes: out };
}

/**
 * Copy `len` bytes from `src` at `a` to `out` at `pos`: a short run four bytes a step (unaligned
 * DataView accesses, no allocation), a long one as one block copy.
 */
export function copyBytes(src: DataView, a: number, out: DataView, pos: number, len: number): void {
  if (len > 256) {
    new Uint8Array(out.buffer, out.byteOffset + pos, len).set(new Uint8Array(src.buffer, src.byteOffset + a, len));
    return;
  }
  let i = 0;
  for (; i + 4 <= len; i += 4) out.setInt32(pos + i, src.getInt32(a + i, true), true);
  for (; i < len; i++) out.setUint8(pos + i, src.getUint8(a + i));
}

/** `codes` as a Uint32Array (a copy only when they are narrower). */
export function wideCodes(codes: Uint8Array | Uint16Array | Uint32Array): Uint32Array {
  return codes instanceof Uint32Array ? codes : Uint32Array.from(codes);
}
