/**
 * Dictionary building for block encoding: distinct values in first-seen order plus one code per row,
 * with open-addressing hash tables over raw lanes or UTF-8 bytes (no per-row strings or objects).
 * Building gives up (returns null) once more than `maxSize` distinct values are seen. Before paying for
 * a build, the encoder estimates the distinct count from a small sample spread over the block.
 */

/** A dictionary of fixed-width lanes: `dict` holds `size` values of `lanes` Int32 lanes each. */
export interface LaneDict {
  readonly size: number;
  readonly dict: Int32Array;
  readonly codes: Int32Array;
}

/** A dictionary of strings: `offsets` (size + 1) and `bytes` as in a StringVector. */
export interface StringDict {
  readonly size: number;
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
  readonly codes: Int32Array;
}

function tableSize(maxSize: number): number {
  let s = 16;
  while (s < maxSize * 2) s *= 2;
  return s;
}

/** Hash of a value of lanes (lo, hi); hi is 0 for 32-bit values. */
function hashLanes(lo: number, hi: number): number {
  const h = (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b)) >>> 0;
  return h ^ (h >>> 15);
}

/** Hash of bytes[s..e). */
function hashBytes(bytes: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 ^ (e - s);
  for (let k = s; k < e; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
  return h ^ (h >>> 13);
}

/** True when bytes[a, a + len) equals bytes[b, b + len). */
function sameBytes(bytes: Uint8Array, a: number, b: number, len: number): boolean {
  let k = 0;
  while (k < len && bytes[a + k] === bytes[b + k]) k++;
  return k === len;
}

/** Rows sampled, evenly spread over a block, to estimate its distinct count. */
const SAMPLE = 1024;
/** Scratch for sampling (encoding is synchronous, so one set serves every call). */
const sampleSlots = new Int32Array(tableSize(SAMPLE));
const sampleKeys = new Int32Array(2 * SAMPLE);
const sampleCounts = new Int32Array(SAMPLE);

/**
 * Distinct values of a block of `n` rows from `d` distinct among `m` sampled rows, `f1` of them seen
 * once and `f2` twice (bias-corrected Chao1; exact when the sample is the whole block).
 */
function estimateFromSample(n: number, m: number, d: number): number {
  if (m >= n) return d;
  let f1 = 0;
  let f2 = 0;
  for (let k = 0; k < d; k++) {
    const c = sampleCounts[k]!;
    if (c === 1) f1++;
    else if (c === 2) f2++;
  }
  const est = d + (f1 * (f1 - 1)) / (2 * (f2 + 1));
  return est > n ? n : est;
}

/** Estimated distinct count of `n` values of `lanes` (1 or 2) Int32 lanes each, from a sample of them. */
export function estimateLaneDistinct(a: Int32Array, n: number, lanes: 1 | 2): number {
  const m = n < SAMPLE ? n : SAMPLE;
  const mask = sampleSlots.length - 1;
  sampleSlots.fill(-1);
  let d = 0;
  for (let k = 0; k < m; k++) {
    const i = m === n ? k : Math.floor((k * n) / m);
    const lo = a[i * lanes]!;
    const hi = lanes === 2 ? a[i * 2 + 1]! : 0;
    let h = hashLanes(lo, hi) & mask;
    for (;;) {
      const e = sampleSlots[h]!;
      if (e < 0) {
        sampleSlots[h] = d;
        sampleKeys[2 * d] = lo;
        sampleKeys[2 * d + 1] = hi;
        sampleCounts[d++] = 1;
        break;
      }
      if (sampleKeys[2 * e] === lo && sampleKeys[2 * e + 1] === hi) {
        sampleCounts[e]!++;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  return estimateFromSample(n, m, d);
}

/** Estimated distinct count of strings rows [start, end) of (offsets, bytes), from a sample of them. */
export function estimateStringDistinct(offsets: Int32Array, bytes: Uint8Array, start: number, end: number): number {
  const n = end - start;
  const m = n < SAMPLE ? n : SAMPLE;
  const mask = sampleSlots.length - 1;
  sampleSlots.fill(-1);
  let d = 0;
  for (let k = 0; k < m; k++) {
    const row = start + (m === n ? k : Math.floor((k * n) / m));
    const s = offsets[row]!;
    const len = offsets[row + 1]! - s;
    const h = hashBytes(bytes, s, s + len);
    let slot = h & mask;
    for (;;) {
      const e = sampleSlots[slot]!;
      if (e < 0) {
        sampleSlots[slot] = d;
        sampleKeys[2 * d] = row;
        sampleKeys[2 * d + 1] = h;
        sampleCounts[d++] = 1;
        break;
      }
      if (sampleKeys[2 * e + 1] === h) {
        const r = sampleKeys[2 * e]!;
        const rs = offsets[r]!;
        if (offsets[r + 1]! - rs === len && sameBytes(bytes, rs, s, len)) {
          sampleCounts[e]!++;
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
  }
  return estimateFromSample(n, m, d);
}

/**
 * Dictionary of `n` values of `lanes` (1 or 2) Int32 lanes each, compared by bits (so NaN payloads and
 * -0 are kept apart), or null when there are more than `maxSize` distinct values.
 */
export function buildLaneDict(a: Int32Array, n: number, lanes: 1 | 2, maxSize: number): LaneDict | null {
  const cap = tableSize(Math.min(n, maxSize));
  const mask = cap - 1;
  const slots = new Int32Array(cap).fill(-1);
  const dict = new Int32Array(Math.min(n, maxSize) * lanes);
  const codes = new Int32Array(n);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const lo = a[i * lanes]!;
    const hi = lanes === 2 ? a[i * 2 + 1]! : 0;
    let h = hashLanes(lo, hi) & mask;
    for (;;) {
      const e = slots[h]!;
      if (e < 0) {
        if (size === maxSize) return null;
        slots[h] = size;
        dict[size * lanes] = lo;
        if (lanes === 2) dict[size * 2 + 1] = hi;
        codes[i] = size++;
        break;
      }
      if (dict[e * lanes] === lo && (lanes === 1 || dict[e * 2 + 1] === hi)) {
        codes[i] = e;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  return { size, dict: dict.subarray(0, size * lanes), codes };
}

/**
 * Dictionary of strings rows [start, end) of (offsets, bytes), or null when there are more than
 * `maxSize` distinct strings or their bytes exceed `maxBytes`.
 */
export function buildStringDict(offsets: Int32Array, bytes: Uint8Array, start: number, end: number,
  maxSize: number, maxBytes = Infinity): StringDict | null {
  const n = end - start;
  const limit = Math.min(n, maxSize);
  const cap = tableSize(limit);
  const mask = cap - 1;
  const slots = new Int32Array(cap).fill(-1);
  const firstRow = new Int32Array(limit);
  const hashes = new Int32Array(limit);
  const codes = new Int32Array(n);
  let size = 0;
  let dictBytes = 0;
  for (let i = 0; i < n; i++) {
    const s = offsets[start + i]!;
    const e = offsets[start + i + 1]!;
    const h = hashBytes(bytes, s, e);
    let slot = h & mask;
    for (;;) {
      const d = slots[slot]!;
      if (d < 0) {
        if (size === maxSize) return null;
        dictBytes += e - s;
        if (dictBytes > maxBytes) return null;
        slots[slot] = size;
        firstRow[size] = start + i;
        hashes[size] = h;
        codes[i] = size++;
        break;
      }
      if (hashes[d] === h) {
        const r = firstRow[d]!;
        const ds = offsets[r]!;
        if (offsets[r + 1]! - ds === e - s && sameBytes(bytes, ds, s, e - s)) {
          codes[i] = d;
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
  }
  const outOffsets = new Int32Array(size + 1);
  const outBytes = new Uint8Array(dictBytes);
  let pos = 0;
  for (let d = 0; d < size; d++) {
    const r = firstRow[d]!;
    const s = offsets[r]!;
    const e = offsets[r + 1]!;
    outBytes.set(bytes.subarray(s, e), pos);
    pos += e - s;
    outOffsets[d + 1] = pos;
  }
  return { size, offsets: outOffsets, bytes: outBytes, codes };
}
