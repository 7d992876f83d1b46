/**
 * One open-addressing hash set of (group, 64-bit key) triples in typed arrays, shared by all groups of
 * an accumulator (uniqExact, count(DISTINCT), uniq's small mode). Per-group distinct counts are kept
 * up to date on insert. Grows at 50% load.
 */
import { fmix32 } from './hash.ts';

/** A set of (group, hi, lo) triples. */
export class DistinctSet {
  private cap = 1024;
  private g = new Uint32Array(this.cap);
  private hi = new Uint32Array(this.cap);
  private lo = new Uint32Array(this.cap);
  private used = new Uint8Array(this.cap);
  /** Number of triples held. */
  size = 0;

  /** Insert; true when the triple was new. */
  add(group: number, hi: number, lo: number): boolean {
    if (this.size * 2 >= this.cap) this.rehash();
    const mask = this.cap - 1;
    let p = fmix32(Math.imul(group, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b) ^ lo) & mask;
    const used = this.used, G = this.g, H = this.hi, L = this.lo;
    while (used[p] === 1) {
      if (L[p] === lo && H[p] === hi && G[p] === group) return false;
      p = (p + 1) & mask;
    }
    used[p] = 1; G[p] = group; H[p] = hi; L[p] = lo;
    this.size++;
    return true;
  }

  private rehash(): void {
    const { g, hi, lo, used, cap } = this;
    this.cap = cap * 2;
    this.g = new Uint32Array(this.cap); this.hi = new Uint32Array(this.cap); this.lo = new Uint32Array(this.cap);
    this.used = new Uint8Array(this.cap);
    this.size = 0;
    for (let p = 0; p < cap; p++) if (used[p] === 1) this.add(g[p]!, hi[p]!, lo[p]!);
  }

  /**
   * Write the (lo, hi) keys of every triple whose group is below `groups` to out[at[g]], out[at[g]+1],
   * advancing the group's cursor at[g] by 2 (the caller sizes each group's run from its count).
   */
  writeGrouped(groups: number, at: Int32Array, out: Uint32Array): void {
    const used = this.used, G = this.g, H = this.hi, L = this.lo;
    for (let p = 0; p < this.cap; p++) {
      if (used[p] !== 1) continue;
      const g = G[p]!;
      if (g >= groups) continue;
      const q = at[g]!;
      out[q] = L[p]!; out[q + 1] = H[p]!;
      at[g] = q + 2;
    }
  }

  /** Approximate bytes held. */
  memoryBytes(): number {
    return this.cap * 13;
  }
}
