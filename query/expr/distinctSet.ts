/**
 * One open-addressing hash set of (group, 64-bit key) triples, shared by all groups of an accumulator
 * (uniqExact, count(DISTINCT), uniq's small mode). One interleaved Int32Array, power-of-two capacity,
 * linear probing, growth at 50% load, so a probe touches one cache line. While every triple has group 0
 * (no GROUP BY) a slot is the key alone — (lo, hi), with (0, 0) meaning empty and the key (0, 0) kept
 * as a flag; the first other group converts the table to (group + 1, hi, lo) slots, group + 1 = 0 empty.
 */
import { fmix32 } from './hash.ts';

/** Rows whose home slots are touched before they are probed (see addRows). */
const PROBE_RUN = 16;

/** Hash of a group-less key. */
function hashKey(hi: number, lo: number): number {
  return fmix32(Math.imul(hi, 0x85ebca6b) ^ lo);
}

/** Hash of a (group, key) triple. */
function hashTriple(group: number, hi: number, lo: number): number {
  return fmix32(Math.imul(group, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b) ^ lo);
}

/** A set of (group, hi, lo) triples. */
export class DistinctSet {
  private cap = 1024;
  private mask = 1023;
  /** Slots: 2 words (lo, hi) while group-less, else 3 words (group + 1, hi, lo). */
  private t = new Int32Array(2 * 1024);
  private grouped = false;
  /** Group-less mode: the key (0, 0) is in the set (its slot would read as empty). */
  private hasZero = false;
  /** Number of triples held. */
  size = 0;
  /** Scratch: hashes of a run of rows. */
  private readonly hashes = new Int32Array(PROBE_RUN);
  /** Sink for the touching loads, so they are not optimised away. */
  sink = 0;

  /** Insert; true when the triple was new. `hi`/`lo` are uint32 or int32 values. */
  add(group: number, hi: number, lo: number): boolean {
    if (this.grouped) return this.addGrouped(group, hi | 0, lo | 0);
    if (group !== 0) { this.toGrouped(); return this.addGrouped(group, hi | 0, lo | 0); }
    return this.addKey(hi | 0, lo | 0);
  }

  /**
   * Insert the keys (lo, hi) = (keys[2i], keys[2i+1]) of rows 0..n in group groupIds[i] (every row in group 0 when
   * groupIds is null), skipping rows with nulls[i] = 1; counts[g] is incremented per new triple.
   */
  addRows(groupIds: Uint32Array | null, keys: Int32Array, nulls: Uint8Array | null, n: number,
    counts: Float64Array): void {
    if (groupIds !== null && !this.grouped) {
      for (let i = 0; i < n; i++) if (groupIds[i] !== 0 && (nulls === null || nulls[i] === 0)) { this.toGrouped(); break; }
    }
    // A row equal to the previous one (common in data sorted on or near the key) skips the probe.
    if (!this.grouped) {
      let added = 0; let ph = 0; let pl = 0; let have = false;
      for (let i = 0; i < n; i++) {
        if (nulls !== null && nulls[i] === 1) continue;
        const h = keys[2 * i + 1]!; const l = keys[2 * i]!;
        if (have && h === ph && l === pl) continue;
        if (this.addKey(h, l)) added++;
        ph = h; pl = l; have = true;
      }
      if (added > 0) counts[0]! += added;
      return;
    }
    // Runs of PROBE_RUN rows: hash, touch the home slots (independent loads the CPU overlaps), then probe.
    const gs = groupIds!;
    const hs = this.hashes;
    let pg = -1; let ph = 0; let pl = 0; let sink = 0;
    for (let r = 0; r < n; r += PROBE_RUN) {
      const e = r + PROBE_RUN < n ? r + PROBE_RUN : n;
      if (this.size + PROBE_RUN >= this.cap >>> 1) this.resize(this.cap * 2);
      const t = this.t; const mask = this.mask;
      for (let i = r; i < e; i++) { const h = hashTriple(gs[i]!, keys[2 * i + 1]!, keys[2 * i]!); hs[i - r] = h; sink ^= t[3 * (h & mask)]!; }
      for (let i = r; i < e; i++) {
        if (nulls !== null && nulls[i] === 1) continue;
        const g = gs[i]!; const h = keys[2 * i + 1]!; const l = keys[2 * i]!;
        if (g === pg && h === ph && l === pl) continue;
        if (this.insertGrouped(g, h, l, hs[i - r]!)) counts[g]!++;
        pg = g; ph = h; pl = l;
      }
    }
    this.sink = sink;
  }

  /** Make room for `extra` more triples (in groups other than 0 too when `grouped`) without intermediate growth. */
  reserve(extra: number, grouped: boolean): void {
    if (grouped && !this.grouped) this.toGrouped();
    let cap = this.cap;
    while ((this.size + extra) * 2 >= cap) cap *= 2;
    if (cap !== this.cap) this.resize(cap);
  }

  private addKey(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) {
      if (this.hasZero) return false;
      this.hasZero = true;
      this.size++;
      return true;
    }
    if (this.size * 2 >= this.cap) this.resize(this.cap * 2);
    const t = this.t; const mask = this.mask;
    let p = hashKey(hi, lo) & mask;
    for (;;) {
      const a = t[2 * p]!; const b = t[2 * p + 1]!;
      if (a === lo && b === hi) return false;
      if (a === 0 && b === 0) break;
      p = (p + 1) & mask;
    }
    t[2 * p] = lo; t[2 * p + 1] = hi;
    this.size++;
    return true;
  }

  private addGrouped(group: number, hi: number, lo: number): boolean {
    if (this.size * 2 >= this.cap) this.resize(this.cap * 2);
    return this.insertGrouped(group, hi, lo, hashTriple(group, hi, lo));
  }

  /** Insert with the triple's hash; the table has room. */
  private insertGrouped(group: number, hi: number, lo: number, hash: number): boolean {
    const t = this.t; const mask = this.mask;
    const g1 = (group + 1) | 0;
    let p = hash & mask;
    for (;;) {
      const at = 3 * p;
      const x = t[at]!;
      if (x === 0) { t[at] = g1; t[at + 1] = hi; t[at + 2] = lo; this.size++; return true; }
      if (x === g1 && t[at + 2] === lo && t[at + 1] === hi) return false;
      p = (p + 1) & mask;
    }
  }

  /** Rebuild the table with `cap` slots (same mode). */
  private resize(cap: number): void {
    const old = this.t; const oldCap = this.cap;
    const size = this.size;
    this.cap = cap; this.mask = cap - 1;
    this.t = new Int32Array((this.grouped ? 3 : 2) * cap);
    this.size = this.hasZero ? 1 : 0;
    if (this.grouped) {
      for (let p = 0, at = 0; p < oldCap; p++, at += 3) if (old[at] !== 0) this.addGrouped(old[at]! - 1, old[at + 1]!, old[at + 2]!);
    } else {
      for (let p = 0; p < oldCap; p++) { const lo = old[2 * p]!, hi = old[2 * p + 1]!; if (lo !== 0 || hi !== 0) this.addKey(hi, lo); }
    }
    this.size = size;
  }

  /** Switch from group-less to (group, key) slots; every key so far is in group 0. */
  private toGrouped(): void {
    const old = this.t; const cap = this.cap;
    this.grouped = true;
    this.t = new Int32Array(3 * cap);
    const size = this.size;
    this.size = 0;
    if (this.hasZero) { this.hasZero = false; this.addGrouped(0, 0, 0); }
    for (let p = 0; p < cap; p++) { const lo = old[2 * p]!, hi = old[2 * p + 1]!; if (lo !== 0 || hi !== 0) this.addGrouped(0, hi, lo); }
    this.size = size;
  }

  /**
   * Write the (lo, hi) keys of every triple whose group is below `groups` to out[at[g]], out[at[g]+1],
   * advancing the group's cursor at[g] by 2 (the caller sizes each group's run from its count).
   */
  writeGrouped(groups: number, at: Int32Array, out: Uint32Array): void {
    const t = this.t;
    if (!this.grouped) {
      if (groups === 0) return;
      let q = at[0]!;
      if (this.hasZero) { out[q] = 0; out[q + 1] = 0; q += 2; }
      for (let p = 0; p < this.cap; p++) {
        const lo = t[2 * p]!, hi = t[2 * p + 1]!;
        if (lo === 0 && hi === 0) continue;
        out[q] = lo; out[q + 1] = hi; q += 2;
      }
      at[0] = q;
      return;
    }
    for (let p = 0, s = 0; p < this.cap; p++, s += 3) {
      const g1 = t[s]!;
      if (g1 === 0) continue;
      const g = g1 - 1;
      if (g >= groups) continue;
      const q = at[g]!;
      out[q] = t[s + 2]!; out[q + 1] = t[s + 1]!;
      at[g] = q + 2;
    }
  }

  /** Approximate bytes held. */
  memoryBytes(): number {
    return this.t.byteLength;
  }
}
