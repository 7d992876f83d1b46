/**
 * Value hashing for distinct counting, allocation-free: every value becomes a 64-bit key as two uint32
 * halves — numbers exactly (their 64-bit integer or double bit pattern), strings as two independent
 * 32-bit hashes of their UTF-8 bytes (as ClickHouse's uniqExact hashes strings). Dictionaries hash each
 * entry once.
 */
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import { materialize } from './build.ts';
import { readF64, readI64 } from './read.ts';

/** murmur3's 32-bit finaliser. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

let viewSrc: Uint8Array | null = null;
let viewOfSrc: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

/** A DataView over `b` (the last one is reused, so per-row callers allocate nothing). */
function viewOf(b: Uint8Array): DataView {
  if (b !== viewSrc) { viewSrc = b; viewOfSrc = new DataView(b.buffer, b.byteOffset, b.byteLength); }
  return viewOfSrc;
}

/** murmur3's mixing of one 4-byte word before it enters the hash state. */
function mixWord(x: number): number {
  x = Math.imul(x, 0xcc9e2d51);
  return Math.imul((x << 15) | (x >>> 17), 0x1b873593);
}

/** murmur3's update of hash state h with a mixed word k. */
function step(h: number, k: number): number {
  h ^= k;
  return (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
}

/** The last 1-3 bytes of b[k..e) as a little-endian word (0 when none). */
function tailWord(b: Uint8Array, k: number, e: number): number {
  let x = 0;
  for (let sh = 0; k < e; k++, sh += 8) x |= b[k]! << sh;
  return x;
}

/** A 32-bit hash of b[s..e) with a seed (murmur3-style, 4 bytes per step, each one unaligned load). */
export function hashBytes(b: Uint8Array, s: number, e: number, seed: number): number {
  const v = viewOf(b);
  let h = seed | 0;
  let k = s;
  for (; k + 4 <= e; k += 4) h = step(h, mixWord(v.getInt32(k, true)));
  return fmix32(h ^ mixWord(tailWord(b, k, e)) ^ (e - s));
}

/** Seeds of the two halves of a string's 64-bit key. */
const HI_SEED = 0x9747b28c;
const LO_SEED = 0x2f1a3c5d;

/**
 * hi[i] = hashBytes(b, s, e, HI_SEED) and lo[i] = hashBytes(b, s, e, LO_SEED), in one pass over the
 * bytes: both hashes mix the same words, so each word is loaded and mixed once.
 */
function hashBytesPair(b: Uint8Array, s: number, e: number, hi: Uint32Array, lo: Uint32Array, i: number): void {
  const v = viewOf(b);
  let h1 = HI_SEED | 0;
  let h2 = LO_SEED | 0;
  let k = s;
  for (; k + 4 <= e; k += 4) {
    const x = mixWord(v.getInt32(k, true));
    h1 = step(h1, x);
    h2 = step(h2, x);
  }
  const t = mixWord(tailWord(b, k, e)) ^ (e - s);
  hi[i] = fmix32(h1 ^ t);
  lo[i] = fmix32(h2 ^ t);
}

/**
 * Keys of the entries of the dictionaries seen: a dictionary shared by several batches (a stripe's, or
 * the slices an aggregation folds a batch in) is hashed once, not once per batch.
 */
const dictKeys = new WeakMap<object, { hi: Uint32Array; lo: Uint32Array }>();

/** 64-bit keys of every row (hi[i], lo[i] as uint32): exact for numbers, hashed for strings. */
export function keysOf(v: Vector, n: number): { hi: Uint32Array; lo: Uint32Array } {
  const hi = new Uint32Array(n), lo = new Uint32Array(n);
  if (v.type.kind === 'String') {
    if (v.kind === 'dict') {
      let d = dictKeys.get(v.dict);
      if (d === undefined) { d = keysOf(v.dict, v.dict.length); dictKeys.set(v.dict, d); }
      const c = v.codes;
      for (let i = 0; i < n; i++) { const j = c[i]!; hi[i] = d.hi[j]!; lo[i] = d.lo[j]!; }
      return { hi, lo };
    }
    const s = (v.kind === 'const' ? materialize({ ...v, length: 1 }) : materialize(v)) as StringVector;
    const o = s.offsets, b = s.bytes;
    const len = v.kind === 'const' ? 1 : n;
    for (let i = 0; i < len; i++) hashBytesPair(b, o[i]!, o[i + 1]!, hi, lo, i);
    if (len === 1) { hi.fill(hi[0]!); lo.fill(lo[0]!); }
    return { hi, lo };
  }
  const k = v.type.kind;
  if (k === 'Float32' || k === 'Float64') {
    const { a, m } = readF64(v, n);
    const f = new Float64Array(1), w = new Uint32Array(f.buffer);
    for (let i = 0; i < n; i++) { f[0] = a[i & m]! + 0; lo[i] = w[0]!; hi[i] = w[1]!; }
    return { hi, lo };
  }
  if (k === 'Int64' || k === 'UInt64' || k === 'DateTime64') {
    if (v.kind === 'flat') {
      const w = new Uint32Array((v as FlatVector).values.buffer, (v as FlatVector).values.byteOffset, 2 * n);
      for (let i = 0; i < n; i++) { lo[i] = w[2 * i]!; hi[i] = w[2 * i + 1]!; }
      return { hi, lo };
    }
    const r = readI64(v, n);
    for (let i = 0; i < n; i++) { hi[i] = r.hi[i & r.m]! >>> 0; lo[i] = r.lo[i & r.m]!; }
    return { hi, lo };
  }
  const { a, m } = readF64(v, n);
  for (let i = 0; i < n; i++) { const x = a[i & m]!; lo[i] = x >>> 0; hi[i] = x < 0 ? 0xffffffff : 0; }
  return { hi, lo };
}

/** 64-bit keys of rows over one or more arguments (tuples combine the per-argument keys). */
export function rowKeys(args: readonly Vector[], n: number): { hi: Uint32Array; lo: Uint32Array } {
  const k = keysOf(args[0]!, n);
  for (let a = 1; a < args.length; a++) {
    const o = keysOf(args[a]!, n);
    for (let i = 0; i < n; i++) {
      k.hi[i] = fmix32(k.hi[i]! ^ Math.imul(o.hi[i]!, 0x9e3779b1) ^ a);
      k.lo[i] = fmix32(k.lo[i]! ^ Math.imul(o.lo[i]!, 0x85ebca6b) ^ Math.imul(k.hi[i]!, 31));
    }
  }
  return k;
}
