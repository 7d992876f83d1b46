/**
 * An open-addressing hash map from fixed-width keys of `width` int32 words to dense ids 0..size-1:
 * power-of-two slot table, linear probing, growth by rehash at 50% load. Keys live in one Int32Array
 * (`width` words per id); each slot keeps its key's hash next to the id, so probes compare hashes
 * before touching keys and a rehash never rehashes keys. Serves composite GROUP BY keys packed into
 * words (see PackedGrouper).
 */

/** Hash `width` words of src starting at `at` (multiplicative mix per word, murmur3 finaliser). */
export function hashWords(src: Int32Array, at: number, width: number): number {
  let h = 0x9e3779b9 ^ width;
  for (let k = 0; k < width; k++) {
    h = Math.imul(h ^ src[at + k]!, 0x85ebca6b);
    h = (h << 13) | (h >>> 19);
  }
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return h;
}

/** Keys whose slots and stored keys are touched before they are probed (see findOrInsertRows). */
const PROBE_RUN = 16;
/** Tables with fewer slots stay in cache: no touching. */
const TOUCH_FROM = 4096;

/** Fixed-width word keys → dense ids. */
export class WordsMap {
  /** Slot s holds (id + 1, hash) at [2s, 2s+1]; 0 = empty (a new table needs no fill). Probes touch one array until hashes match. */
  private slots: Int32Array;
  private mask: number;
  /** Key of id i is keys[i*width .. (i+1)*width). */
  keys: Int32Array;
  size = 0;
  /** Scratch: hashes of the keys of a findOrInsertRows batch. */
  private hashes = new Int32Array(0);
  /** Sink for the touching loads, so they are not optimised away. */
  sink = 0;

  constructor(readonly width: number, capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.slots = new Int32Array(2 * cap);
    this.mask = cap - 1;
    this.keys = new Int32Array(capacity * width);
  }

  /** The id of the key src[at .. at+width) with hash `hash` (from hashWords), inserting it when new. */
  findOrInsert(src: Int32Array, at: number, hash: number): number {
    const w = this.width;
    const keys = this.keys; const slots = this.slots; const mask = this.mask;
    let s = hash & mask;
    for (;;) {
      const id = slots[2 * s]! - 1;
      if (id < 0) break;
      if (slots[2 * s + 1] === hash) {
        const b = id * w;
        let k = 0;
        while (k < w && keys[b + k] === src[at + k]) k++;
        if (k === w) return id;
      }
      s = (s + 1) & mask;
    }
    const id = this.size++;
    const b = id * w;
    if (b + w > keys.length) { const k = new Int32Array(keys.length * 2); k.set(keys); this.keys = k; }
    const dst = this.keys;
    for (let k = 0; k < w; k++) dst[b + k] = src[at + k]!;
    slots[2 * s] = id + 1; slots[2 * s + 1] = hash;
    if (this.size * 2 > mask) this.rehash();
    return id;
  }

  /**
   * Ids of the n keys packed back to back in src (key i at i*width) into out[0..n), inserting new keys.
   * Hashes are computed in one pass; then each run of PROBE_RUN keys first touches its slots and the
   * keys they point to (independent loads the CPU overlaps; small tables skip this) and then probes them.
   */
  findOrInsertRows(src: Int32Array, n: number, out: Uint32Array): void {
    const w = this.width;
    if (this.hashes.length < n) this.hashes = new Int32Array(Math.max(n, 2 * this.hashes.length));
    const hs = this.hashes;
    for (let i = 0, at = 0; i < n; i++, at += w) hs[i] = hashWords(src, at, w);
    let sink = 0;
    for (let r = 0; r < n; r += PROBE_RUN) {
      const e = r + PROBE_RUN < n ? r + PROBE_RUN : n;
      const slots = this.slots; const mask = this.mask; const keys = this.keys;
      if (mask >= TOUCH_FROM) {
        for (let i = r; i < e; i++) sink ^= slots[2 * (hs[i]! & mask)]!;
        // A slot holding another key (its hash differs) needs no key compare: touch only matching keys.
        for (let i = r; i < e; i++) { const s = hs[i]! & mask; const id = slots[2 * s]! - 1; if (id >= 0 && slots[2 * s + 1] === hs[i]) sink ^= keys[id * w]!; }
      }
      for (let i = r, at = r * w; i < e; i++, at += w) out[i] = this.findOrInsert(src, at, hs[i]!);
    }
    this.sink = sink;
  }

  /** Make room for `keys` keys in all, so that inserting up to that many neither rehashes nor copies keys. */
  reserve(keys: number): void {
    let cap = this.mask + 1;
    while (cap < 2 * keys + 2) cap <<= 1;
    if (cap > this.mask + 1) this.rehash(cap);
    const w = this.width;
    if (this.keys.length < keys * w) { const k = new Int32Array(keys * w); k.set(this.keys); this.keys = k; }
  }

  /** Approximate bytes held. */
  memoryBytes(): number {
    return this.slots.byteLength + this.keys.byteLength + this.hashes.byteLength;
  }

  private rehash(cap = this.slots.length): void {
    const old = this.slots;
    const slots = new Int32Array(2 * cap); // zeroed: no fill pass over a fresh table
    const mask = cap - 1;
    for (let p = 0; p < old.length; p += 2) {
      const id1 = old[p]!;
      if (id1 === 0) continue;
      const h = old[p + 1]!;
      let s = h & mask;
      while (slots[2 * s] !== 0) s = (s + 1) & mask;
      slots[2 * s] = id1; slots[2 * s + 1] = h;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
