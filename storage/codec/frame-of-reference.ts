/**
 * Frame-of-reference bit-packing of integer lanes: store the minimum, then every value minus the
 * minimum in as few bits as the range needs. All arithmetic wraps (mod 2^32 or 2^64), so any input
 * round-trips exactly whatever the chosen minimum; ordering only decides how small the range is.
 *
 * 64-bit values are interleaved Int32 lanes (lo at 2i, hi at 2i+1, little-endian), so no BigInt is
 * created per value.
 */
import { bitWidth, pack, packedWords, unpack, type LaneArray } from './bitpack.ts';
import type { ByteReader, ByteWriter } from './bytes.ts';

/** Min and max of 32-bit lanes in signed or unsigned order, as int32 bit patterns. */
function minMax32(a: Int32Array, n: number, unsigned: boolean): { min: number; max: number } {
  let min = a[0] ?? 0;
  let max = min;
  if (unsigned) {
    let umin = min >>> 0;
    let umax = umin;
    for (let i = 1; i < n; i++) {
      const v = a[i]! >>> 0;
      if (v < umin) umin = v;
      if (v > umax) umax = v;
    }
    return { min: umin | 0, max: umax | 0 };
  }
  for (let i = 1; i < n; i++) {
    const v = a[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Write `a[0..n)` frame-of-reference packed: u8 width, i32 min, packed words. */
export function writeFor32(w: ByteWriter, a: Int32Array, n: number, unsigned: boolean): void {
  const { min, max } = n === 0 ? { min: 0, max: 0 } : minMax32(a, n, unsigned);
  const width = bitWidth((max - min) >>> 0);
  const words = new Uint32Array(packedWords(n, width));
  pack(a, n, width, words, min);
  w.u8(width);
  w.align(4);
  w.i32(min);
  w.array(words);
}

/** Header of a block written by {@link writeFor32}: every value lies in min .. min + 2^width - 1 (wrapping). */
export interface ForHeader {
  readonly width: number;
  readonly min: number;
}

/** Read the header of what {@link writeFor32} wrote (then {@link readForValues} reads the values). */
export function readForHeader(r: ByteReader): ForHeader {
  const width = Math.min(r.u8(), 32);
  r.align(4);
  return { width, min: r.i32() };
}

/** Read the `n` values after header `h` into `dst[0..n)` (a narrower lane keeps the low bits). */
export function readForValues(r: ByteReader, h: ForHeader, n: number, dst: LaneArray): void {
  unpack(r.array(Uint32Array, packedWords(n, h.width)), n, h.width, dst, h.min);
}

/** Read what {@link writeFor32} wrote into `dst[0..n)` (a narrower lane keeps the low bits). */
export function readFor32(r: ByteReader, n: number, dst: LaneArray): void {
  readForValues(r, readForHeader(r), n, dst);
}

/** True when 64-bit lane value (aHi, aLo) < (bHi, bLo) in the given order. */
function lt64(aHi: number, aLo: number, bHi: number, bLo: number, unsigned: boolean): boolean {
  if (aHi !== bHi) return unsigned ? (aHi >>> 0) < (bHi >>> 0) : aHi < bHi;
  return (aLo >>> 0) < (bLo >>> 0);
}

/** Indexes of the min and max 64-bit values among `n` interleaved values. */
function minMax64(a: Int32Array, n: number, unsigned: boolean): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (let i = 1; i < n; i++) {
    const lo = a[2 * i]!;
    const hi = a[2 * i + 1]!;
    if (lt64(hi, lo, a[2 * min + 1]!, a[2 * min]!, unsigned)) min = i;
    else if (lt64(a[2 * max + 1]!, a[2 * max]!, hi, lo, unsigned)) max = i;
  }
  return { min, max };
}

/** Bits (0..64) of the 64-bit range max - min of `n` interleaved values. */
function rangeWidth64(a: Int32Array, n: number, min: number, max: number): number {
  if (n === 0) return 0;
  const minLo = a[2 * min]!;
  const maxLo = a[2 * max]!;
  const borrow = (maxLo >>> 0) < (minLo >>> 0) ? 1 : 0;
  const hi = (a[2 * max + 1]! - a[2 * min + 1]! - borrow) >>> 0;
  const lo = (maxLo - minLo) >>> 0;
  return hi !== 0 ? 32 + bitWidth(hi) : bitWidth(lo);
}

/** Write `n` interleaved 64-bit values: u8 width, min lo/hi, lo words, hi words. */
export function writeFor64(w: ByteWriter, a: Int32Array, n: number, unsigned: boolean): void {
  const { min, max } = n === 0 ? { min: 0, max: 0 } : minMax64(a, n, unsigned);
  const width = rangeWidth64(a, n, min, max);
  const minLo = n === 0 ? 0 : a[2 * min]!;
  const minHi = n === 0 ? 0 : a[2 * min + 1]!;
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const vLo = a[2 * i]!;
    const borrow = (vLo >>> 0) < (minLo >>> 0) ? 1 : 0;
    lo[i] = (vLo - minLo) | 0;
    hi[i] = (a[2 * i + 1]! - minHi - borrow) | 0;
  }
  const loWidth = width > 32 ? 32 : width;
  const hiWidth = width > 32 ? width - 32 : 0;
  const loWords = new Uint32Array(packedWords(n, loWidth));
  const hiWords = new Uint32Array(packedWords(n, hiWidth));
  pack(lo, n, loWidth, loWords);
  pack(hi, n, hiWidth, hiWords);
  w.u8(width);
  w.align(4);
  w.i32(minLo);
  w.i32(minHi);
  w.array(loWords);
  w.array(hiWords);
}

/** Read what {@link writeFor64} wrote into `dst[0..2n)` (interleaved). */
export function readFor64(r: ByteReader, n: number, dst: Int32Array): void {
  const width = Math.min(r.u8(), 64);
  r.align(4);
  const minLo = r.i32();
  const minHi = r.i32();
  const loWidth = width > 32 ? 32 : width;
  const hiWidth = width > 32 ? width - 32 : 0;
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  unpack(r.array(Uint32Array, packedWords(n, loWidth)), n, loWidth, lo);
  unpack(r.array(Uint32Array, packedWords(n, hiWidth)), n, hiWidth, hi);
  const minLoU = minLo >>> 0;
  for (let i = 0; i < n; i++) {
    const s = (lo[i]! >>> 0) + minLoU;
    dst[2 * i] = s | 0;
    dst[2 * i + 1] = (hi[i]! + minHi + (s > 0xffffffff ? 1 : 0)) | 0;
  }
}
