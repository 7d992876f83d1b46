/**
 * Hash partitioning of group keys: the bucket (0..parts-1) of each row's key values, the same on every
 * thread, so that partitions of a parallel GROUP BY can each merge a disjoint share of the groups.
 * Equal keys always land in the same bucket: values hash by their bytes (floats with -0 and NaN made
 * canonical, NULL as one constant whatever lies under it). The bucket comes from the high bits of a
 * hash unrelated to the groupers' own, so each bucket still spreads over a hash table's slots.
 */
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import { hashBytes } from '../expr/hash.ts';

const SEED = 0x2f6b1a3d;
const NULL_HASH = 0x5bd1e995;

function mix(h: number, x: number): number {
  let k = Math.imul(x, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return h;
}

const f64 = new Float64Array(1);
const f64Words = new Int32Array(f64.buffer);

/** A 64-bit integer (two int32 halves) as one hash word; narrower integers are sign- or zero-extended first. */
function pairHash(lo: number, hi: number): number {
  return mix(mix(SEED, lo), hi);
}

/** Scratch buffers reused across calls (one thread runs one call at a time): value and row hashes. */
let valueScratch: Int32Array = new Int32Array(0);
let rowScratch: Int32Array = new Int32Array(0);

/** At least `n` words of `a`, a new larger array when it is too short. */
function atLeast(a: Int32Array, n: number): Int32Array {
  return a.length >= n ? a : new Int32Array(Math.max(n, a.length * 2));
}

/**
 * One hash word per row of a flat or string vector (NULL rows: NULL_HASH), in `out` when it is long
 * enough (a dictionary's values may outnumber the rows: then a new array).
 */
function valueHashes(v: FlatVector | StringVector, scratch: Int32Array): Int32Array {
  const n = v.length;
  const out = scratch.length >= n ? scratch : new Int32Array(n);
  const nulls = v.nulls;
  if (v.kind === 'string') {
    const { offsets, bytes } = v;
    for (let i = 0; i < n; i++) out[i] = nulls !== null && nulls[i] === 1 ? NULL_HASH : hashBytes(bytes, offsets[i]!, offsets[i + 1]!, SEED);
    return out;
  }
  const vals = v.values;
  if (vals instanceof Float64Array || vals instanceof Float32Array) {
    for (let i = 0; i < n; i++) {
      const x = vals[i]!;
      f64[0] = x !== x ? NaN : x + 0;
      out[i] = pairHash(f64Words[0]!, f64Words[1]!);
    }
  } else if (vals.BYTES_PER_ELEMENT === 8) {
    const words = new Int32Array(vals.buffer, vals.byteOffset, vals.length * 2);
    for (let i = 0; i < n; i++) out[i] = pairHash(words[2 * i]!, words[2 * i + 1]!);
  } else {
    const ints = vals as Int32Array;
    for (let i = 0; i < n; i++) { const x = ints[i]!; out[i] = pairHash(x | 0, x < 0 ? -1 : 0); }
  }
  if (nulls !== null) for (let i = 0; i < n; i++) if (nulls[i] === 1) out[i] = NULL_HASH;
  return out;
}

/** The hash word of a constant (the same as a flat or string vector holding it). */
function constHash(x: unknown): number {
  if (x === null || x === undefined) return NULL_HASH;
  if (typeof x === 'string') {
    const bytes = new TextEncoder().encode(x);
    return hashBytes(bytes, 0, bytes.length, SEED);
  }
  if (typeof x === 'bigint') {
    const w = new Int32Array(new BigInt64Array([BigInt.asIntN(64, x)]).buffer);
    return pairHash(w[0]!, w[1]!);
  }
  if (typeof x === 'boolean') return pairHash(x ? 1 : 0, 0);
  if (typeof x === 'number' && Number.isInteger(x) && Math.abs(x) < 2 ** 53) {
    const w = new Int32Array(new BigInt64Array([BigInt(x)]).buffer);
    return pairHash(w[0]!, w[1]!);
  }
  f64[0] = typeof x === 'number' ? (x !== x ? NaN : x + 0) : 0;
  return pairHash(f64Words[0]!, f64Words[1]!);
}

/**
 * Hash words of the entries of the dictionaries seen: a part's dictionary (thousands to millions of
 * entries) is hashed once, not once per batch that uses it.
 */
const dictHashes = new WeakMap<object, Int32Array>();

/** Mix rows 0..n of `v` into `hs`. */
function mixVector(v: Vector, n: number, hs: Int32Array): void {
  switch (v.kind) {
    case 'flat': case 'string': {
      valueScratch = atLeast(valueScratch, n);
      const vh = valueHashes(v, valueScratch);
      for (let i = 0; i < n; i++) hs[i] = mix(hs[i]!, vh[i]!);
      return;
    }
    case 'const': {
      const h = constHash(v.value);
      for (let i = 0; i < n; i++) hs[i] = mix(hs[i]!, h);
      return;
    }
    case 'dict': {
      let dh = dictHashes.get(v.dict);
      if (dh === undefined) { dh = valueHashes(v.dict, new Int32Array(0)); dictHashes.set(v.dict, dh); }
      const { codes, nulls } = v;
      for (let i = 0; i < n; i++) hs[i] = mix(hs[i]!, nulls !== null && nulls[i] === 1 ? NULL_HASH : dh[codes[i]!]!);
    }
  }
}

/** The bucket (0..parts-1) of each of rows 0..n of the key vectors. */
export function keyBuckets(keys: readonly Vector[], n: number, parts: number): Uint8Array {
  const out = new Uint8Array(n);
  if (parts <= 1) return out;
  const hs = rowHashes(keys, n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(((finish(hs[i]!) >>> 0) * parts) / 4294967296);
  return out;
}

/** The unfinished hash word of each of rows 0..n of the key vectors (in a scratch buffer: read it before the next call). */
function rowHashes(keys: readonly Vector[], n: number): Int32Array {
  rowScratch = atLeast(rowScratch, n);
  const hs = rowScratch;
  hs.fill(SEED, 0, n);
  for (const k of keys) mixVector(k, n, hs);
  return hs;
}

/** Row numbers (in row order) of the rows 0..n of the key vectors that fall in bucket `b` of `parts`. */
export function rowsOfBucket(keys: readonly Vector[], n: number, parts: number, b: number): Uint32Array {
  const hs = rowHashes(keys, n);
  // Bucket b holds the finished hashes u (unsigned) with floor(u · parts / 2^32) = b, i.e. lo ≤ u < hi;
  // the test is added as a number (no branch: rows fall in buckets at random).
  const lo = Math.ceil((b * 4294967296) / parts);
  const hi = Math.ceil(((b + 1) * 4294967296) / parts);
  const rows = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const u = finish(hs[i]!) >>> 0;
    rows[m] = i;
    m += +(u >= lo && u < hi);
  }
  return rows.subarray(0, m);
}

/** Row numbers of each bucket, in row order. */
export function bucketRows(buckets: Uint8Array, parts: number): Uint32Array[] {
  const counts = new Int32Array(parts);
  for (let i = 0; i < buckets.length; i++) counts[buckets[i]!]!++;
  const out = Array.from(counts, (c) => new Uint32Array(c));
  const fill = new Int32Array(parts);
  for (let i = 0; i < buckets.length; i++) { const b = buckets[i]!; out[b]![fill[b]!++] = i; }
  return out;
}
