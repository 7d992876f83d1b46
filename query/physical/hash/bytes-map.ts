/**
 * An open-addressing hash map from byte strings to dense ids 0..size-1. Keys are copied into one
 * growing arena (so the map's keys are directly a UTF-8 string vector); lookups hash bytes in place,
 * so grouping or joining on strings never creates a JS string per row.
 */
import { hashBytes as hashBytesSeeded } from '../../expr/hash.ts';

/** A 32-bit hash of bytes [start, end) as an int32 (4 bytes per step, see expr/hash.ts). */
export function hashBytes(src: Uint8Array, start: number, end: number): number {
  return hashBytesSeeded(src, start, end, 0x811c9dc5) | 0;
}

/** Byte-string keys → dense ids. */
export class BytesMap {
  private slots: Int32Array;
  private mask: number;
  private hashes = new Int32Array(1024);
  /** Start of key i in `arena` is offsets[i], end offsets[i+1]. */
  offsets = new Int32Array(1025);
  arena = new Uint8Array(16384);
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  /** The id of key src[start..end), or -1. */
  find(src: Uint8Array, start: number, end: number, hash: number): number {
    const len = end - start;
    let s = hash & this.mask;
    for (;;) {
      const id = this.slots[s]!;
      if (id < 0) return -1;
      if (this.hashes[id] === hash && this.equal(id, src, start, len)) return id;
      s = (s + 1) & this.mask;
    }
  }

  /** The id of key src[start..end), inserting it when new. */
  findOrInsert(src: Uint8Array, start: number, end: number, hash: number): number {
    const len = end - start;
    let s = hash & this.mask;
    for (;;) {
      const id = this.slots[s]!;
      if (id < 0) break;
      if (this.hashes[id] === hash && this.equal(id, src, start, len)) return id;
      s = (s + 1) & this.mask;
    }
    const id = this.size++;
    if (id + 1 >= this.hashes.length) this.growKeys();
    this.hashes[id] = hash;
    const at = this.offsets[id]!;
    if (at + len > this.arena.length) {
      const a = new Uint8Array(Math.max(this.arena.length * 2, at + len));
      a.set(this.arena.subarray(0, at));
      this.arena = a;
    }
    if (len < 16) { for (let i = 0; i < len; i++) this.arena[at + i] = src[start + i]!; } else this.arena.set(src.subarray(start, end), at);
    this.offsets[id + 1] = at + len;
    this.slots[s] = id;
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  /** Approximate bytes held. */
  memoryBytes(): number {
    return this.slots.byteLength + this.hashes.byteLength + this.offsets.byteLength + this.arena.byteLength;
  }

  private equal(id: number, src: Uint8Array, start: number, len: number): boolean {
    const a = this.offsets[id]!;
    if (this.offsets[id + 1]! - a !== len) return false;
    const arena = this.arena;
    for (let i = 0; i < len; i++) if (arena[a + i] !== src[start + i]) return false;
    return true;
  }

  private growKeys(): void {
    const h = new Int32Array(this.hashes.length * 2); h.set(this.hashes); this.hashes = h;
    const o = new Int32Array(this.hashes.length + 1); o.set(this.offsets); this.offsets = o;
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    for (let id = 0; id < this.size; id++) {
      let s = this.hashes[id]! & mask;
      while (slots[s]! >= 0) s = (s + 1) & mask;
      slots[s] = id;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
