/**
 * Gather kernels over several source arrays: output row `at + (k - from)` is row `row[k]` of source
 * `block[k]`, for k in [from, to). Used by merges (ColumnBuilder.appendGather), by gathers over
 * consecutive blocks (gatherBlocks) and, for strings, by the single-vector gather of flushes.
 *
 * Values move as raw bits through one view type per width (8-byte values as Int32 word pairs, so no
 * BigInt and Float NaN bits are kept), and each kernel sees one array kind: a single loop over every
 * typed-array kind goes megamorphic and runs several times slower.
 */
import { copyBytes } from '../../src/core/take.ts';
import type { TypedArray } from '../../src/core/types.ts';

/** Gather fixed-width values: `srcs` and `dst` must all have the same element width. */
export function gatherFixed(srcs: readonly TypedArray[], block: Uint32Array, row: Uint32Array, from: number, to: number,
  dst: TypedArray, at: number): void {
  const width = dst.BYTES_PER_ELEMENT;
  if (width === 8) {
    const views = srcs.map((a) => new Int32Array(a.buffer, a.byteOffset, a.length * 2));
    gatherWords(views, block, row, from, to, new Int32Array(dst.buffer, dst.byteOffset, dst.length * 2), at);
  } else if (width === 4) {
    gather32(srcs.map((a) => new Int32Array(a.buffer, a.byteOffset, a.length)), block, row, from, to,
      new Int32Array(dst.buffer, dst.byteOffset, dst.length), at);
  } else if (width === 2) {
    gather16(srcs.map((a) => new Uint16Array(a.buffer, a.byteOffset, a.length)), block, row, from, to,
      new Uint16Array(dst.buffer, dst.byteOffset, dst.length), at);
  } else {
    gatherBytes(srcs.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.length)), block, row, from, to,
      new Uint8Array(dst.buffer, dst.byteOffset, dst.length), at);
  }
}

function gatherWords(srcs: readonly Int32Array[], block: Uint32Array, row: Uint32Array, from: number, to: number,
  dst: Int32Array, at: number): void {
  let o = at * 2;
  for (let k = from; k < to; k++, o += 2) {
    const w = srcs[block[k]!]!;
    const r = row[k]! * 2;
    dst[o] = w[r]!;
    dst[o + 1] = w[r + 1]!;
  }
}

function gather32(srcs: readonly Int32Array[], block: Uint32Array, row: Uint32Array, from: number, to: number,
  dst: Int32Array, at: number): void {
  const shift = at - from;
  for (let k = from; k < to; k++) dst[k + shift] = srcs[block[k]!]![row[k]!]!;
}

function gather16(srcs: readonly Uint16Array[], block: Uint32Array, row: Uint32Array, from: number, to: number,
  dst: Uint16Array, at: number): void {
  const shift = at - from;
  for (let k = from; k < to; k++) dst[k + shift] = srcs[block[k]!]![row[k]!]!;
}

/** Gather bytes (also null maps). */
export function gatherBytes(srcs: readonly Uint8Array[], block: Uint32Array, row: Uint32Array, from: number, to: number,
  dst: Uint8Array, at: number): void {
  const shift = at - from;
  for (let k = from; k < to; k++) dst[k + shift] = srcs[block[k]!]![row[k]!]!;
}

/**
 * Pass 1 of a string gather: reads each row's offsets once and writes `offsets[at + 1 + i]` as
 * `offsets[at]` plus the running byte length, and `starts[i]` as where the row's bytes begin in its
 * source (i = k - from). Returns the bytes the rows need.
 */
export function gatherStringOffsets(srcOffsets: readonly Int32Array[], block: Uint32Array, row: Uint32Array, from: number,
  to: number, offsets: Int32Array, at: number, starts: Int32Array): number {
  const base = offsets[at]!;
  let pos = base;
  let o = at + 1;
  for (let k = from; k < to; k++, o++) {
    const so = srcOffsets[block[k]!]!;
    const r = row[k]!;
    const a = so[r]!;
    starts[k - from] = a;
    pos += so[r + 1]! - a;
    offsets[o] = pos;
  }
  return pos - base;
}

/**
 * Pass 2 of a string gather: copy each row's bytes to where {@link gatherStringOffsets} placed it.
 * Short strings move four bytes at a time through DataViews (unaligned); a per-row subarray+set would
 * allocate a view per row.
 */
export function gatherStringBytes(srcBytes: readonly Uint8Array[], block: Uint32Array, from: number, to: number,
  offsets: Int32Array, at: number, starts: Int32Array, bytes: Uint8Array): void {
  const views = srcBytes.map((b) => new DataView(b.buffer, b.byteOffset, b.byteLength));
  const out = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let k = from, o = at; k < to; k++, o++) {
    const b = block[k]!;
    const pos = offsets[o]!;
    const len = offsets[o + 1]! - pos;
    copyBytes(views[b]!, starts[k - from]!, out, pos, len);
  }
}

/**
 * A string gather from consecutive blocks written in input order: input row g (counting through the
 * blocks) goes to output row `target[g]` (-1: not taken; no output row taken twice). Reads are
 * sequential and writes scattered, which beats reading each output row's bytes from a random place
 * once the blocks outgrow the cache (a bulk insert's sort order is unrelated to arrival order): 1.6
 * against 1.9 s of a part writer's CPU for 1M hits rows. `n` is the number of output rows.
 */
export function scatterBlockStrings(srcOffsets: readonly Int32Array[], srcBytes: readonly Uint8Array[], target: Int32Array,
  n: number): { offsets: Int32Array; bytes: Uint8Array } {
  const offsets = new Int32Array(n + 1);
  let g = 0;
  for (const so of srcOffsets) {
    const rows = so.length - 1;
    for (let r = 0; r < rows; r++, g++) {
      const k = target[g]!;
      if (k >= 0) offsets[k + 1] = so[r + 1]! - so[r]!;
    }
  }
  for (let k = 0; k < n; k++) offsets[k + 1] = offsets[k + 1]! + offsets[k]!;
  const bytes = new Uint8Array(offsets[n]!);
  const out = new DataView(bytes.buffer);
  g = 0;
  for (let b = 0; b < srcOffsets.length; b++) {
    const so = srcOffsets[b]!;
    const sb = srcBytes[b]!;
    const src = new DataView(sb.buffer, sb.byteOffset, sb.byteLength);
    const rows = so.length - 1;
    for (let r = 0; r < rows; r++, g++) {
      const k = target[g]!;
      if (k < 0) continue;
      const a = so[r]!;
      const len = so[r + 1]! - a;
      copyBytes(src, a, out, offsets[k]!, len);
    }
  }
  return { offsets, bytes };
}
