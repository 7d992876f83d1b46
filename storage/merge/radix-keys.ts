/**
 * Radix-sortable words for a sort-key column: for each row, u32 words (most significant first) whose
 * unsigned order agrees with {@link compareRows} on that column: one word for 8–32-bit types, two for
 * 64-bit ones. Exact for integers, dates and floats (NaN last, -0 equal to 0); for strings the words are
 * the bytes after the column's common prefix (big-endian, zero padded): exact (with a length word) when
 * those rests are short, as for names and codes; otherwise 16 bytes whose ties must be refined by a full
 * comparison.
 */
import type { FlatVector } from '../../src/core/vector.ts';
import type { PlainVector } from '../segment/column-builder.ts';

/** Sortable words of rows [0, n) of one key column. */
export interface RadixKeys {
  /** Per word (most significant first), the word of every row. */
  readonly words: readonly Uint32Array[];
  /** True when equal words mean equal values (no refinement needed). */
  readonly exact: boolean;
}

/** Longest common prefix of the column's first strings looked at (bounded, NULLs skipped). */
const MAX_COMMON_PREFIX = 64;

/**
 * The radix words of `v`'s rows [0, n). NULL rows get all-zero words, so radix passes keep their
 * relative order (the caller moves them last with a stable partition). A generator so that callers
 * can yield to the event loop between the words of a String column (each a pass over every string).
 */
export function* radixKeys(v: PlainVector, n: number): Generator<void, RadixKeys> {
  const keys = v.kind === 'string' ? yield* stringKeys(v.offsets, v.bytes, v.nulls, n) : fixedKeys(v, n);
  const nulls = v.nulls;
  if (nulls !== null) {
    for (const w of keys.words) for (let i = 0; i < n; i++) if (nulls[i] === 1) w[i] = 0;
  }
  return keys;
}

function fixedKeys(v: FlatVector, n: number): RadixKeys {
  const a = v.values;
  const lo = new Uint32Array(n);
  if (!(a instanceof BigInt64Array || a instanceof BigUint64Array || a instanceof Float64Array)) {
    if (a instanceof Float32Array) {
      const w = new Int32Array(a.buffer, a.byteOffset, n);
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        if (x !== x) { lo[i] = 0xffffffff; continue; }
        if (x === 0) { lo[i] = 0x80000000; continue; }
        const h = w[i]!;
        lo[i] = (h < 0 ? ~h : h ^ 0x80000000) >>> 0;
      }
    } else if (a instanceof Int8Array || a instanceof Int16Array || a instanceof Int32Array) {
      for (let i = 0; i < n; i++) lo[i] = (a[i]! ^ 0x80000000) >>> 0;
    } else {
      const u = a as Uint32Array;
      for (let i = 0; i < n; i++) lo[i] = u[i]!;
    }
    return { words: [lo], exact: true };
  }
  const hi = new Uint32Array(n);
  if (a instanceof BigInt64Array || a instanceof BigUint64Array) {
    const w = new Int32Array(a.buffer, a.byteOffset, n * 2);
    const flip = a instanceof BigInt64Array ? 0x80000000 : 0;
    for (let i = 0; i < n; i++) {
      lo[i] = w[2 * i]!;
      hi[i] = (w[2 * i + 1]! ^ flip) >>> 0;
    }
  } else if (a instanceof Float64Array) {
    const w = new Int32Array(a.buffer, a.byteOffset, n * 2);
    for (let i = 0; i < n; i++) {
      const x = a[i]!;
      if (x !== x) { hi[i] = 0xffffffff; lo[i] = 0xffffffff; continue; }
      if (x === 0) { hi[i] = 0x80000000; continue; } // -0 sorts with +0
      const h = w[2 * i + 1]!;
      if (h < 0) { hi[i] = ~h >>> 0; lo[i] = ~w[2 * i]! >>> 0; } else { hi[i] = (h ^ 0x80000000) >>> 0; lo[i] = w[2 * i]! >>> 0; }
    }
  }
  return { words: [hi, lo], exact: true };
}

/** Longest string rest (after the common prefix) sorted exactly by radix words: 8 words + a length word. */
const MAX_EXACT_BYTES = 32;

/**
 * Words of the strings after their common prefix (length cp). When every rest is at most
 * {@link MAX_EXACT_BYTES} the words are exact: the rest's bytes (big-endian, zero padded, as many words
 * as the longest needs) and then its length — zero padding ties only a string with its own extension
 * by NUL bytes, which the length then orders shorter first, as the comparator does. Otherwise four words
 * of bytes [cp, cp+16), to be refined by the comparator.
 */
function* stringKeys(offsets: Int32Array, bytes: Uint8Array, nulls: Uint8Array | null, n: number): Generator<void, RadixKeys> {
  const cp = commonPrefix(offsets, bytes, nulls, n);
  let longest = 0;
  for (let i = 0; i < n; i++) {
    const len = offsets[i + 1]! - offsets[i]!;
    if (len > longest && (nulls === null || nulls[i] !== 1)) longest = len;
  }
  const rest = Math.max(0, longest - cp);
  const exact = rest <= MAX_EXACT_BYTES;
  const words = yield* byteWords(offsets, bytes, n, cp, exact ? Math.max(1, Math.ceil(rest / 4)) : 4);
  if (exact) {
    const lengths = new Uint32Array(n);
    for (let i = 0; i < n; i++) lengths[i] = Math.max(0, offsets[i + 1]! - offsets[i]! - cp);
    words.push(lengths);
  }
  return { words, exact };
}

/** Longest common prefix of the column's first strings looked at (at most MAX_COMMON_PREFIX, NULLs skipped). */
function commonPrefix(offsets: Int32Array, bytes: Uint8Array, nulls: Uint8Array | null, n: number): number {
  let first = -1;
  for (let i = 0; i < n && first < 0; i++) if (nulls === null || nulls[i] !== 1) first = i;
  let cp = 0;
  if (first >= 0) {
    const fs = offsets[first]!;
    cp = Math.min(MAX_COMMON_PREFIX, offsets[first + 1]! - fs);
    for (let i = first + 1; i < n && cp > 0; i++) {
      if (nulls !== null && nulls[i] === 1) continue;
      const s = offsets[i]!;
      const len = Math.min(cp, offsets[i + 1]! - s);
      let k = 0;
      while (k < len && bytes[s + k] === bytes[fs + k]) k++;
      cp = k;
    }
  }
  return cp;
}

/** `count` words of bytes [cp + 4w, cp + 4w + 4) of each string, big-endian, zero padded. */
function* byteWords(offsets: Int32Array, bytes: Uint8Array, n: number, cp: number, count: number): Generator<void, Uint32Array[]> {
  const words: Uint32Array[] = [];
  for (let w = 0; w < count; w++) words.push(new Uint32Array(n));
  for (let w = 0; w < count; w++) {
    yield;
    const out = words[w]!;
    for (let i = 0; i < n; i++) {
      const s = offsets[i]! + cp + 4 * w;
      const e = offsets[i + 1]!;
      let x = 0;
      for (let k = 0; k < 4; k++) x = (x << 8) | (s + k < e ? bytes[s + k]! : 0);
      out[i] = x >>> 0;
    }
  }
  return words;
}
