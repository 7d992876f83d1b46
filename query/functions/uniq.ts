/**
 * `uniq(x, ...)`: approximate number of distinct non-NULL values (tuples for several arguments), UInt64.
 * Exact while a group has at most 1024 distinct values (64-bit keys in a shared hash set, as uniqExact),
 * then a HyperLogLog sketch of 2^14 registers (≈0.8% standard error; see expr/hll.ts). ClickHouse's own
 * uniq is an adaptive sample and stays exact further (to 65536), so large results may differ slightly.
 * uniqCombined, uniqCombined64 and uniqHLL12 are aliases (their parameters are accepted and ignored).
 * State per group: a String — tag 0 then (lo, hi) key pairs, or tag 1 then the registers.
 */
import { T } from '../../src/core/types.ts';
import type { StringVector, Vector } from '../../src/core/vector.ts';
import { flatVector, stringVector } from '../../src/core/vector.ts';
import { grow, maxGroup } from '../expr/agg.ts';
import { halves, materialize } from '../expr/build.ts';
import { DistinctSet } from '../expr/distinctSet.ts';
import { checkArgCount } from '../expr/errors.ts';
import { rowKeys } from '../expr/hash.ts';
import { HLL_M, hllAdd, hllEstimate, hllMerge } from '../expr/hll.ts';
import { unionNulls } from '../expr/read.ts';
import type { AggregateFunction, GroupsAccumulator } from './registry.ts';
import { registerAggregate } from './registry.ts';

/** Distinct values a group counts exactly before switching to a sketch. */
export const UNIQ_EXACT_LIMIT = 1024;

class UniqAccumulator implements GroupsAccumulator {
  private readonly set = new DistinctSet();
  /** Exact distinct count of small groups. */
  private counts = new Float64Array(0);
  /** Sketch slot + 1 of promoted groups (0 = small). */
  private slot = new Uint32Array(0);
  /** Keys (lo, hi pairs) of small groups, for replay into a sketch on promotion. */
  private readonly lists: (Uint32Array | null)[] = [];
  private regs = new Uint8Array(0);
  private sketches = 0;

  private ensure(groups: number): void {
    this.counts = grow(this.counts, groups);
    this.slot = grow(this.slot, groups);
    while (this.lists.length < groups) this.lists.push(null);
  }

  private promote(g: number): void {
    const s = this.sketches++;
    if ((s + 1) * HLL_M > this.regs.length) {
      const r = new Uint8Array(Math.max(2 * this.regs.length, (s + 1) * HLL_M));
      r.set(this.regs);
      this.regs = r;
    }
    this.slot[g] = s + 1;
    const list = this.lists[g];
    const base = s * HLL_M;
    if (list) for (let k = 0, c = this.counts[g]! * 2; k < c; k += 2) hllAdd(this.regs, base, list[k + 1]!, list[k]!);
    this.lists[g] = null;
    this.counts[g] = 0;
  }

  private insert(g: number, hi: number, lo: number): void {
    const s = this.slot[g]!;
    if (s !== 0) { hllAdd(this.regs, (s - 1) * HLL_M, hi, lo); return; }
    if (!this.set.add(g, hi, lo)) return;
    const c = this.counts[g]!;
    let list = this.lists[g] ?? null;
    if (list === null || list.length < 2 * c + 2) {
      const bigger = new Uint32Array(Math.max(8, 2 * (list?.length ?? 0)));
      if (list) bigger.set(list);
      this.lists[g] = list = bigger;
    }
    list[2 * c] = lo;
    list[2 * c + 1] = hi;
    this.counts[g] = c + 1;
    if (c + 1 > UNIQ_EXACT_LIMIT) this.promote(g);
  }

  update(args: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.ensure(maxGroup(groupIds, n) + 1);
    const { hi, lo } = rowKeys(args, n);
    const nulls = unionNulls(args, n);
    for (let i = 0; i < n; i++) if (nulls === null || nulls[i] === 0) this.insert(groupIds[i]!, hi[i]!, lo[i]!);
  }

  state(groups: number): Vector[] {
    this.ensure(groups);
    const offsets = new Int32Array(groups + 1);
    for (let g = 0; g < groups; g++) offsets[g + 1] = offsets[g]! + 4 + (this.slot[g] !== 0 ? HLL_M : this.counts[g]! * 8);
    const bytes = new Uint8Array(offsets[groups]!);
    const dv = new DataView(bytes.buffer);
    for (let g = 0; g < groups; g++) {
      const p = offsets[g]!, s = this.slot[g]!;
      dv.setUint32(p, s !== 0 ? 1 : 0, true);
      if (s !== 0) { bytes.set(this.regs.subarray((s - 1) * HLL_M, s * HLL_M), p + 4); continue; }
      const list = this.lists[g];
      if (list) bytes.set(new Uint8Array(list.buffer, 0, this.counts[g]! * 8), p + 4);
    }
    return [stringVector(T.String, offsets, bytes)];
  }

  merge(state: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.ensure(maxGroup(groupIds, n) + 1);
    const s = materialize(state[0]!) as StringVector;
    const b = s.bytes, o = s.offsets;
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < n; i++) {
      const from = o[i]!, to = o[i + 1]!;
      if (to - from < 4) continue;
      const g = groupIds[i]!;
      if (dv.getUint32(from, true) === 1) {
        if (this.slot[g] === 0) this.promote(g);
        hllMerge(this.regs, (this.slot[g]! - 1) * HLL_M, b, from + 4);
      } else {
        for (let p = from + 4; p + 8 <= to; p += 8) this.insert(g, dv.getUint32(p + 4, true), dv.getUint32(p, true));
      }
    }
  }

  evaluate(groups: number): Vector {
    this.ensure(groups);
    const out = new BigUint64Array(groups);
    const w = halves(out);
    for (let g = 0; g < groups; g++) {
      const s = this.slot[g]!;
      const c = s !== 0 ? Math.round(hllEstimate(this.regs, (s - 1) * HLL_M)) : this.counts[g]!;
      w[2 * g] = c % 4294967296;
      w[2 * g + 1] = Math.floor(c / 4294967296);
    }
    return flatVector(T.UInt64, out);
  }

  memoryBytes(): number {
    let lists = 0;
    for (const l of this.lists) if (l) lists += l.byteLength;
    return this.set.memoryBytes() + this.regs.byteLength + lists + this.counts.byteLength + this.slot.byteLength;
  }
}

/** The uniq aggregate. */
export const uniq: AggregateFunction = {
  name: 'uniq',
  aliases: ['uniqCombined', 'uniqCombined64', 'uniqHLL12'],
  returnType(args) {
    checkArgCount('uniq', args, 1, Infinity);
    return T.UInt64;
  },
  stateTypes: () => [T.String],
  create: () => new UniqAccumulator(),
};

registerAggregate(uniq);
