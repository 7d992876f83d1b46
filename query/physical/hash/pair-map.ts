/**
 * An open-addressing hash map from 64-bit keys, given as two int32 halves (lo, hi), to dense ids.
 * Serves every fixed-width key of up to 8 bytes: 8..32-bit integers (hi = 0), Int64/UInt64 (their
 * Int32 views), floats (their bit patterns) and packed composites of small keys.
 */

/** Mix two int32 halves into a 32-bit hash. */
export function hashPair(lo: number, hi: number): number {
  let h = lo ^ Math.imul(hi ^ 0x5bd1e995, 0x9e3779b1);
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return h;
}

/** (lo, hi) keys → dense ids. */
export class PairMap {
  private slots: Int32Array;
  private mask: number;
  /** Key of id i is (keys[2i], keys[2i+1]). */
  keys = new Int32Array(2048);
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  /** The id of (lo, hi), or -1. */
  find(lo: number, hi: number): number {
    const keys = this.keys;
    let s = hashPair(lo, hi) & this.mask;
    for (;;) {
      const id = this.slots[s]!;
      if (id < 0) return -1;
      if (keys[2 * id] === lo && keys[2 * id + 1] === hi) return id;
      s = (s + 1) & this.mask;
    }
  }

  /** The id of (lo, hi), inserting it when new. `lo`/`hi` must be int32 values (x | 0). */
  findOrInsert(lo: number, hi: number): number {
    const keys = this.keys;
    let s = hashPair(lo, hi) & this.mask;
    for (;;) {
      const id = this.slots[s]!;
      if (id < 0) break;
      if (keys[2 * id] === lo && keys[2 * id + 1] === hi) return id;
      s = (s + 1) & this.mask;
    }
    const id = this.size++;
    if (2 * id + 2 > this.keys.length) { const k = new Int32Array(this.keys.length * 2); k.set(this.keys); this.keys = k; }
    this.keys[2 * id] = lo;
    this.keys[2 * id + 1] = hi;
    this.slots[s] = id;
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  /** Approximate bytes held. */
  memoryBytes(): number {
    return this.slots.byteLength + this.keys.byteLength;
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    for (let id = 0; id < this.size; id++) {
      let s = hashPair(this.keys[2 * id]!, this.keys[2 * id + 1]!) & mask;
      while (slots[s]! >= 0) s = (s + 1) & mask;
      slots[s] = id;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
