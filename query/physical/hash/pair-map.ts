/**
 * An open-addressing hash map from 64-bit keys, given as two int32 halves (lo, hi), to dense ids.
 * Serves every fixed-width key of up to 8 bytes: 8..32-bit integers (hi = 0), Int64/UInt64 (their
 * Int32 views), floats (their bit patterns) and packed composites of small keys. Each slot holds its
 * key inline next to the id (lo, hi, id + 1; 0 = empty), so a probe costs one cache miss; `keys`
 * keeps the keys in id order as well. Batches (findOrInsertRows) hash first, then touch the slots of
 * a run of keys before probing them, so the CPU overlaps the misses of large tables.
 */

/** Mix two int32 halves into a 32-bit hash. */
export function hashPair(lo: number, hi: number): number {
  let h = lo ^ Math.imul(hi ^ 0x5bd1e995, 0x9e3779b1);
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return h;
}

/** Keys whose slots are touched before they are probed (see findOrInsertRows). */
const PROBE_RUN = 16;
/** Tables with fewer slots stay in cache: no touching. */
const TOUCH_FROM = 8192;

/** (lo, hi) keys → dense ids. */
export class PairMap {
  /** Slot s: [3s] lo, [3s+1] hi, [3s+2] id + 1 (0 = empty). */
  private slots: Int32Array;
  private mask: number;
  /** Key of id i is (keys[2i], keys[2i+1]). */
  keys = new Int32Array(2048);
  size = 0;
  /** Scratch: hashes of a run of findOrInsertRows keys. */
  private hashes = new Int32Array(0);
  /** Sink for the touching loads, so they are not optimised away. */
  sink = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.slots = new Int32Array(3 * cap);
    this.mask = cap - 1;
  }

  /** The id of (lo, hi), or -1. */
  find(lo: number, hi: number): number {
    const slots = this.slots; const mask = this.mask;
    for (let s = hashPair(lo, hi) & mask; ; s = (s + 1) & mask) {
      const id = slots[3 * s + 2]! - 1;
      if (id < 0) return -1;
      if (slots[3 * s] === lo && slots[3 * s + 1] === hi) return id;
    }
  }

  /** The id of (lo, hi), inserting it when new. `lo`/`hi` must be int32 values (x | 0). */
  findOrInsert(lo: number, hi: number): number {
    return this.findOrInsertAt(lo, hi, hashPair(lo, hi) & this.mask);
  }

  /** The id of (lo, hi), probing from slot s, inserting it when new. */
  private findOrInsertAt(lo: number, hi: number, s: number): number {
    const slots = this.slots; const mask = this.mask;
    for (;; s = (s + 1) & mask) {
      const at = 3 * s;
      const id = slots[at + 2]! - 1;
      if (id < 0) break;
      if (slots[at] === lo && slots[at + 1] === hi) return id;
    }
    const id = this.size++;
    if (2 * id + 2 > this.keys.length) { const k = new Int32Array(this.keys.length * 2); k.set(this.keys); this.keys = k; }
    this.keys[2 * id] = lo;
    this.keys[2 * id + 1] = hi;
    slots[3 * s] = lo; slots[3 * s + 1] = hi; slots[3 * s + 2] = id + 1;
    if (this.size * 2 > mask) this.rehash();
    return id;
  }

  /**
   * Ids of n keys into out[0..n), inserting new keys: key i is (src[2i], src[2i+1]) when `wide`, else
   * (src[i] | 0, 0). Each run of PROBE_RUN keys is hashed and its slots touched before it is probed.
   */
  findOrInsertRows(src: Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array,
    n: number, wide: boolean, out: Uint32Array): void {
    if (this.hashes.length < PROBE_RUN) this.hashes = new Int32Array(PROBE_RUN);
    const hs = this.hashes;
    let sink = 0;
    for (let r = 0; r < n; r += PROBE_RUN) {
      const e = r + PROBE_RUN < n ? r + PROBE_RUN : n;
      if (wide) for (let i = r; i < e; i++) hs[i - r] = hashPair(src[2 * i]!, src[2 * i + 1]!);
      else for (let i = r; i < e; i++) hs[i - r] = hashPair(src[i]! | 0, 0);
      const mask = this.mask;
      if (mask >= TOUCH_FROM) { const slots = this.slots; for (let i = r; i < e; i++) sink ^= slots[3 * (hs[i - r]! & mask) + 2]!; }
      // The mask is re-read per key: an insert may grow the table.
      if (wide) for (let i = r; i < e; i++) out[i] = this.findOrInsertAt(src[2 * i]!, src[2 * i + 1]!, hs[i - r]! & this.mask);
      else for (let i = r; i < e; i++) out[i] = this.findOrInsertAt(src[i]! | 0, 0, hs[i - r]! & this.mask);
    }
    this.sink = sink;
  }

  /** Make room for `keys` keys in all, so that inserting up to that many neither rehashes nor copies keys. */
  reserve(keys: number): void {
    let cap = this.mask + 1;
    while (cap < 2 * keys + 2) cap <<= 1;
    if (cap > this.mask + 1) this.rehash(cap);
    if (this.keys.length < 2 * keys) { const k = new Int32Array(2 * keys); k.set(this.keys); this.keys = k; }
  }

  /** Approximate bytes held. */
  memoryBytes(): number {
    return this.slots.byteLength + this.keys.byteLength;
  }

  private rehash(cap = 2 * (this.mask + 1)): void {
    const slots = new Int32Array(3 * cap);
    const mask = cap - 1;
    const keys = this.keys;
    for (let id = 0; id < this.size; id++) {
      const lo = keys[2 * id]!; const hi = keys[2 * id + 1]!;
      let s = hashPair(lo, hi) & mask;
      while (slots[3 * s + 2] !== 0) s = (s + 1) & mask;
      slots[3 * s] = lo; slots[3 * s + 1] = hi; slots[3 * s + 2] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
