/**
 * Dictionary building for block encoding: distinct values in first-seen order plus one code per row,
 * with open-addressing hash tables over raw lanes or UTF-8 bytes (no per-row strings or objects).
 * Building gives up (returns null) once more than `maxSize` distinct values are seen.
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
    let h = (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
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
 * `maxSize` distinct strings.
 */
export function buildStringDict(offsets: Int32Array, bytes: Uint8Array, start: number, end: number,
  maxSize: number): StringDict | null {
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
    let h = 0x811c9dc5 ^ (e - s);
    for (let k = s; k < e; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
    h ^= h >>> 13;
    let slot = h & mask;
    for (;;) {
      const d = slots[slot]!;
      if (d < 0) {
        if (size === maxSize) return null;
        slots[slot] = size;
        firstRow[size] = start + i;
        hashes[size] = h;
        dictBytes += e - s;
        codes[i] = size++;
        break;
      }
      if (hashes[d] === h) {
        const r = firstRow[d]!;
        const ds = offsets[r]!;
        const len = offsets[r + 1]! - ds;
        if (len === e - s) {
          let k = 0;
          while (k < len && bytes[ds + k] === bytes[s + k]) k++;
          if (k === len) {
            codes[i] = d;
            break;
          }
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
