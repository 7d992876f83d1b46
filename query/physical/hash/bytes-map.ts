/**
 * An open-addressing hash map from byte strings to dense ids 0..size-1. Keys are copied into one
 * growing arena (so the map's keys are directly a UTF-8 string vector); lookups hash bytes in place,
 * so grouping or joining on strings never creates a JS string per row. Each slot holds (hash, id,
 * key start, key length) in one Int32Array, so a probe reads one slot and, on a hash match, the key's
 * bytes — no side tables. Keys are compared 4 bytes at a time.
 */

/** murmur3's 32-bit finaliser (int32 result). */
function fmix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A 32-bit hash of bytes [start, end) as an int32 (4 bytes per multiply-rotate step, murmur3 finaliser). */
export function hashBytes(src: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  let k = start;
  for (; k + 4 <= end; k += 4) {
    h = Math.imul(h ^ (src[k]! | (src[k + 1]! << 8) | (src[k + 2]! << 16) | (src[k + 3]! << 24)), 0x9e3779b1);
    h = (h << 15) | (h >>> 17);
  }
  if (k < end) {
    let x = 0;
    for (let sh = 0; k < end; k++, sh += 8) x |= src[k]! << sh;
    h = Math.imul(h ^ x, 0x9e3779b1);
  }
  return fmix(h);
}

/** Rows whose slots and key bytes are touched before they are probed (see findOrInsertRows). */
const PROBE_RUN = 16;
/** Tables with fewer slots stay in cache: no touching. */
const TOUCH_FROM = 4096;

/** Byte-string keys → dense ids. */
export class BytesMap {
  /** Slot s: [4s] hash, [4s+1] id (-1 = empty), [4s+2] key start in the arena, [4s+3] key length. */
  private slots: Int32Array;
  private mask: number;
  /** Start of key i in `arena` is offsets[i], end offsets[i+1]. */
  offsets = new Int32Array(1025);
  arena = new Uint8Array(16384);
  size = 0;
  /** Scratch: hashes of the rows of a findOrInsertRows batch. */
  private hashes = new Int32Array(0);
  /** Sink for the touching loads, so they are not optimised away. */
  sink = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.slots = BytesMap.emptySlots(cap);
    this.mask = cap - 1;
  }

  private static emptySlots(cap: number): Int32Array {
    const s = new Int32Array(4 * cap);
    for (let i = 1; i < s.length; i += 4) s[i] = -1;
    return s;
  }

  /** The id of key src[start..end), or -1. */
  find(src: Uint8Array, start: number, end: number, hash: number): number {
    const len = end - start;
    const slots = this.slots; const mask = this.mask;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const at = 4 * s;
      const id = slots[at + 1]!;
      if (id < 0) return -1;
      if (slots[at] === hash && slots[at + 3] === len && this.equal(slots[at + 2]!, src, start, len)) return id;
    }
  }

  /** The id of key src[start..end), inserting it when new. */
  findOrInsert(src: Uint8Array, start: number, end: number, hash: number): number {
    const len = end - start;
    const slots = this.slots; const mask = this.mask;
    let s = hash & mask;
    for (;; s = (s + 1) & mask) {
      const at = 4 * s;
      const id = slots[at + 1]!;
      if (id < 0) break;
      if (slots[at] === hash && slots[at + 3] === len && this.equal(slots[at + 2]!, src, start, len)) return id;
    }
    const id = this.size++;
    if (id + 2 > this.offsets.length) { const o = new Int32Array(this.offsets.length * 2); o.set(this.offsets); this.offsets = o; }
    const pos = this.offsets[id]!;
    if (pos + len > this.arena.length) {
      const a = new Uint8Array(Math.max(this.arena.length * 2, pos + len));
      a.set(this.arena.subarray(0, pos));
      this.arena = a;
    }
    const arena = this.arena;
    if (len < 16) { for (let i = 0; i < len; i++) arena[pos + i] = src[start + i]!; } else arena.set(src.subarray(start, end), pos);
    this.offsets[id + 1] = pos + len;
    const at = 4 * s;
    slots[at] = hash; slots[at + 1] = id; slots[at + 2] = pos; slots[at + 3] = len;
    if (this.size * 2 > mask) this.rehash();
    return id;
  }

  /**
   * Ids of the keys bytes[offsets[i]..offsets[i+1]) of rows 0..n into out[0..n), inserting new keys;
   * rows with skip[i] = 1 are left out (out[i] untouched). Hashes are computed in one pass, then each
   * run of PROBE_RUN rows first touches its slots and key bytes (independent loads the CPU overlaps)
   * and then probes them, so the cache misses of a run cost about one miss (small tables skip the touching).
   */
  findOrInsertRows(bytes: Uint8Array, offsets: Int32Array, n: number, out: Int32Array | Uint32Array, skip: Uint8Array | null): void {
    if (this.hashes.length < n) this.hashes = new Int32Array(Math.max(n, 2 * this.hashes.length));
    const hs = this.hashes;
    for (let i = 0; i < n; i++) hs[i] = hashBytes(bytes, offsets[i]!, offsets[i + 1]!);
    let sink = 0;
    for (let r = 0; r < n; r += PROBE_RUN) {
      const e = r + PROBE_RUN < n ? r + PROBE_RUN : n;
      const slots = this.slots; const mask = this.mask; const arena = this.arena;
      if (mask >= TOUCH_FROM) {
        for (let i = r; i < e; i++) sink ^= slots[4 * (hs[i]! & mask) + 2]!;
        for (let i = r; i < e; i++) sink ^= arena[slots[4 * (hs[i]! & mask) + 2]!]!;
      }
      for (let i = r; i < e; i++) {
        if (skip !== null && skip[i] === 1) continue;
        out[i] = this.findOrInsert(bytes, offsets[i]!, offsets[i + 1]!, hs[i]!);
      }
    }
    this.sink = sink;
  }

  /** Approximate bytes held. */
  memoryBytes(): number {
    return this.slots.byteLength + this.offsets.byteLength + this.arena.byteLength + this.hashes.byteLength;
  }

  /** Arena bytes [a, a+len) equal src[start, start+len), compared a word at a time. */
  private equal(a: number, src: Uint8Array, start: number, len: number): boolean {
    const arena = this.arena;
    let i = 0;
    for (; i + 4 <= len; i += 4) {
      const x = arena[a + i]! | (arena[a + i + 1]! << 8) | (arena[a + i + 2]! << 16) | (arena[a + i + 3]! << 24);
      const y = src[start + i]! | (src[start + i + 1]! << 8) | (src[start + i + 2]! << 16) | (src[start + i + 3]! << 24);
      if (x !== y) return false;
    }
    for (; i < len; i++) if (arena[a + i] !== src[start + i]) return false;
    return true;
  }

  private rehash(): void {
    const old = this.slots;
    const cap = 2 * (this.mask + 1);
    const slots = BytesMap.emptySlots(cap);
    const mask = cap - 1;
    for (let p = 0; p < old.length; p += 4) {
      if (old[p + 1]! < 0) continue;
      let s = old[p]! & mask;
      while (slots[4 * s + 1]! >= 0) s = (s + 1) & mask;
      const at = 4 * s;
      slots[at] = old[p]!; slots[at + 1] = old[p + 1]!; slots[at + 2] = old[p + 2]!; slots[at + 3] = old[p + 3]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
