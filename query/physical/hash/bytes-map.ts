/**
 * An open-addressing hash map from byte strings to dense ids 0..size-1. Keys are copied into one
 * growing arena (so the map's keys are directly a UTF-8 string vector); lookups hash bytes in place,
 * so grouping or joining on strings never creates a JS string per row. Each slot holds (hash, id,
 * key start, key length) in one Int32Array, so a probe reads one slot and, on a hash match, the key's
 * bytes — no side tables. Bytes are read 4 at a time through DataViews (one unaligned load each):
 * hashing runs two independent lanes of 4 bytes, comparing 8 bytes per step.
 */

/** murmur3's 32-bit finaliser (int32 result). */
function fmix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

let viewSrc: Uint8Array | null = null;
let viewOfSrc: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

/** A DataView over `src` (the last one is reused, so per-row callers allocate nothing). */
function viewOf(src: Uint8Array): DataView {
  if (src !== viewSrc) { viewSrc = src; viewOfSrc = new DataView(src.buffer, src.byteOffset, src.byteLength); }
  return viewOfSrc;
}

/** hashBytes over bytes [start, end) of the view `v` (of `src`). */
function hashView(v: DataView, src: Uint8Array, start: number, end: number): number {
  const len = end - start;
  let h = 0x811c9dc5 ^ len; let g = 0x27d4eb2f;
  let k = start;
  for (; k + 8 <= end; k += 8) {
    h = Math.imul(h ^ v.getInt32(k, true), 0x9e3779b1); h = (h << 15) | (h >>> 17);
    g = Math.imul(g ^ v.getInt32(k + 4, true), 0x85ebca6b); g = (g << 13) | (g >>> 19);
  }
  if (k < end) {
    if (end - k > 4) { h = Math.imul(h ^ v.getInt32(k, true), 0x9e3779b1); h = (h << 15) | (h >>> 17); }
    let x = 0;
    // The last 4 bytes (overlapping what came before; the length is in the seed), or the bytes of a short key.
    if (len >= 4) x = v.getInt32(end - 4, true);
    else for (let sh = 0; k < end; k++, sh += 8) x |= src[k]! << sh;
    g = Math.imul(g ^ x, 0x9e3779b1);
  }
  return fmix(h ^ ((g << 7) | (g >>> 25)));
}

/** A 32-bit hash of bytes [start, end) as an int32 (two multiply-rotate lanes of 4 bytes, murmur3 finaliser). */
export function hashBytes(src: Uint8Array, start: number, end: number): number {
  return hashView(viewOf(src), src, start, end);
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
  private view: DataView<ArrayBufferLike> = new DataView(this.arena.buffer);
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
    const slots = this.slots; const mask = this.mask; const sv = viewOf(src);
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const at = 4 * s;
      const id = slots[at + 1]!;
      if (id < 0) return -1;
      if (slots[at] === hash && slots[at + 3] === len && this.equal(slots[at + 2]!, sv, src, start, len)) return id;
    }
  }

  /** The id of key src[start..end), inserting it when new. */
  findOrInsert(src: Uint8Array, start: number, end: number, hash: number): number {
    return this.insert(src, viewOf(src), start, end, hash);
  }

  /**
   * Ids of the keys bytes[offsets[i]..offsets[i+1]) of rows 0..n into out[0..n), inserting new keys;
   * rows with skip[i] = 1 are left out (out[i] untouched). Hashes are computed in one pass, then each
   * run of PROBE_RUN rows first touches its slots and key bytes (independent loads the CPU overlaps)
   * and then probes them, so the cache misses of a run cost about one miss (small tables skip the touching).
   */
  findOrInsertRows(bytes: Uint8Array, offsets: Int32Array, n: number, out: Int32Array | Uint32Array, skip: Uint8Array | null): void {
    this.insertMany(bytes, offsets, null, n, out, skip);
  }

  /**
   * Ids of the keys bytes[offsets[e]..offsets[e+1]) for e = entries[0..m) (e.g. the dictionary entries
   * a batch uses, in order of first use) into out[e], inserting new keys; batched like findOrInsertRows.
   */
  findOrInsertEntries(bytes: Uint8Array, offsets: Int32Array, entries: Int32Array, m: number, out: Int32Array): void {
    this.insertMany(bytes, offsets, entries, m, out, null);
  }

  /** Rows idx[j] (j itself when idx is null) for j in 0..n, see findOrInsertRows. */
  private insertMany(bytes: Uint8Array, offsets: Int32Array, idx: Int32Array | null, n: number, out: Int32Array | Uint32Array,
    skip: Uint8Array | null): void {
    if (this.hashes.length < n) this.hashes = new Int32Array(Math.max(n, 2 * this.hashes.length));
    const hs = this.hashes;
    const sv = viewOf(bytes);
    for (let j = 0; j < n; j++) { const i = idx === null ? j : idx[j]!; hs[j] = hashView(sv, bytes, offsets[i]!, offsets[i + 1]!); }
    let sink = 0;
    for (let r = 0; r < n; r += PROBE_RUN) {
      const e = r + PROBE_RUN < n ? r + PROBE_RUN : n;
      const slots = this.slots; const mask = this.mask; const arena = this.arena;
      if (mask >= TOUCH_FROM) {
        for (let j = r; j < e; j++) sink ^= slots[4 * (hs[j]! & mask) + 2]!;
        for (let j = r; j < e; j++) sink ^= arena[slots[4 * (hs[j]! & mask) + 2]!]!;
      }
      for (let j = r; j < e; j++) {
        const i = idx === null ? j : idx[j]!;
        if (skip !== null && skip[i] === 1) continue;
        out[i] = this.insert(bytes, sv, offsets[i]!, offsets[i + 1]!, hs[j]!);
      }
    }
    this.sink = sink;
  }

  /** findOrInsert with the view of src. */
  private insert(src: Uint8Array, sv: DataView, start: number, end: number, hash: number): number {
    const len = end - start;
    const slots = this.slots; const mask = this.mask;
    let s = hash & mask;
    for (;; s = (s + 1) & mask) {
      const at = 4 * s;
      const id = slots[at + 1]!;
      if (id < 0) break;
      if (slots[at] === hash && slots[at + 3] === len && this.equal(slots[at + 2]!, sv, src, start, len)) return id;
    }
    const id = this.size++;
    if (id + 2 > this.offsets.length) { const o = new Int32Array(this.offsets.length * 2); o.set(this.offsets); this.offsets = o; }
    const pos = this.offsets[id]!;
    if (pos + len > this.arena.length) {
      const a = new Uint8Array(Math.max(this.arena.length * 2, pos + len));
      a.set(this.arena.subarray(0, pos));
      this.arena = a;
      this.view = new DataView(a.buffer);
    }
    const arena = this.arena;
    if (len < 16) { for (let i = 0; i < len; i++) arena[pos + i] = src[start + i]!; } else arena.set(src.subarray(start, end), pos);
    this.offsets[id + 1] = pos + len;
    const at = 4 * s;
    slots[at] = hash; slots[at + 1] = id; slots[at + 2] = pos; slots[at + 3] = len;
    if (this.size * 2 > mask) this.rehash(2 * (mask + 1));
    return id;
  }

  /** Make room for `keys` keys in all, so the slot table does not grow on the way (a size hint). */
  reserve(keys: number): void {
    let cap = this.mask + 1;
    while (2 * keys > cap - 1) cap *= 2;
    if (cap !== this.mask + 1) this.rehash(cap);
  }

  /** Approximate bytes held. */
  memoryBytes(): number {
    return this.slots.byteLength + this.offsets.byteLength + this.arena.byteLength + this.hashes.byteLength;
  }

  /** Arena bytes [a, a+len) equal src[start, start+len) (sv: a view of src), compared 8 bytes a step. */
  private equal(a: number, sv: DataView, src: Uint8Array, start: number, len: number): boolean {
    const av = this.view;
    let i = 0;
    for (; i + 8 <= len; i += 8) {
      if (av.getInt32(a + i, true) !== sv.getInt32(start + i, true) || av.getInt32(a + i + 4, true) !== sv.getInt32(start + i + 4, true)) return false;
    }
    if (i === len) return true;
    // The last 4 bytes (overlapping), then the ones before them when more than 4 remain.
    if (len >= 4) {
      return av.getInt32(a + len - 4, true) === sv.getInt32(start + len - 4, true) && (len - i <= 4 || av.getInt32(a + i, true) === sv.getInt32(start + i, true));
    }
    const arena = this.arena;
    for (; i < len; i++) if (arena[a + i] !== src[start + i]) return false;
    return true;
  }

  /** Move every slot to a table of `cap` slots. */
  private rehash(cap: number): void {
    const old = this.slots;
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
