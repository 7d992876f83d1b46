/**
 * `uniqExact(x, ...)`: the exact number of distinct non-NULL values (UInt64); also the implementation
 * of count(DISTINCT x). Numbers are compared exactly, strings by a 64-bit hash of their bytes (as
 * ClickHouse does). Several arguments count distinct tuples. State: per group, the 64-bit keys as bytes.
 */
import { T } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { stringVector } from '../../src/core/vector.ts';
import { countsToUInt64, grow, maxGroup } from '../expr/agg.ts';
import { DistinctSet } from '../expr/distinctSet.ts';
import { checkArgCount } from '../expr/errors.ts';
import { rowKeys } from '../expr/hash.ts';
import { materialize } from '../expr/build.ts';
import { unionNulls } from '../expr/read.ts';
import type { AggregateFunction, GroupsAccumulator } from './registry.ts';
import { registerAggregate } from './registry.ts';

/** Merged keys handed to the set at a time. */
const MERGE_RUN = 16384;

class UniqExactAccumulator implements GroupsAccumulator {
  private readonly set = new DistinctSet();
  private counts = new Float64Array(0);

  /** Scratch: interleaved (lo, hi) key words of a batch. */
  private words = new Int32Array(0);
  /** Scratch: group ids of a run of merged keys. */
  private mergeGroups = new Uint32Array(0);

  /** The (lo, hi) key words of rows 0..n: a view of a flat 64-bit integer column, else rowKeys interleaved. */
  private keyWords(args: readonly Vector[], n: number): Int32Array {
    const a = args[0]!;
    if (args.length === 1 && a.kind === 'flat' && (a.type.kind === 'Int64' || a.type.kind === 'UInt64' || a.type.kind === 'DateTime64')) {
      return new Int32Array(a.values.buffer, a.values.byteOffset, 2 * n);
    }
    const { hi, lo } = rowKeys(args, n);
    if (this.words.length < 2 * n) this.words = new Int32Array(2 * n);
    const w = this.words;
    for (let i = 0; i < n; i++) { w[2 * i] = lo[i]! | 0; w[2 * i + 1] = hi[i]! | 0; }
    return w;
  }

  update(args: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.counts = grow(this.counts, maxGroup(groupIds, n) + 1);
    this.set.addRows(groupIds, this.keyWords(args, n), unionNulls(args, n), n, this.counts);
  }

  updateOne(args: readonly Vector[], n: number): void {
    this.counts = grow(this.counts, 1);
    this.set.addRows(null, this.keyWords(args, n), unionNulls(args, n), n, this.counts);
  }

  state(groups: number): Vector[] {
    this.counts = grow(this.counts, groups);
    const offsets = new Int32Array(groups + 1);
    for (let g = 0; g < groups; g++) offsets[g + 1] = offsets[g]! + this.counts[g]! * 8;
    const bytes = new Uint8Array(offsets[groups]!);
    const at = Int32Array.from(offsets.subarray(0, groups), (x) => x / 4);
    this.set.writeGrouped(groups, at, new Uint32Array(bytes.buffer));
    return [stringVector(T.String, offsets, bytes)];
  }

  merge(state: readonly Vector[], groupIds: Uint32Array, n: number): void {
    const maxG = maxGroup(groupIds, n);
    this.counts = grow(this.counts, maxG + 1);
    const s = materialize(state[0]!) as Extract<Vector, { kind: 'string' }>;
    const b = s.bytes; const offs = s.offsets;
    // Keys as (lo, hi) int32 pairs; copied when the bytes are not 4-byte aligned.
    const aligned = b.byteOffset % 4 === 0 ? b : b.slice();
    const w = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >>> 2);
    // The first state into an empty set sizes the table once (a single group's state can hold millions of keys).
    if (this.set.size === 0) this.set.reserve((offs[n]! - offs[0]!) >>> 3, maxG > 0);
    // Keys go in by runs of MERGE_RUN, each run's groups spelled out per key.
    if (this.mergeGroups.length < MERGE_RUN) this.mergeGroups = new Uint32Array(MERGE_RUN);
    const gs = this.mergeGroups;
    let i = 0; let p = offs[0]! >>> 2;
    while (i < n) {
      const from = p; let k = 0;
      for (; i < n && k < MERGE_RUN; i++) {
        const e = offs[i + 1]! >>> 2;
        const take = Math.min(e - p, 2 * (MERGE_RUN - k)) >>> 1;
        gs.fill(groupIds[i]!, k, k + take);
        k += take; p += 2 * take;
        if (p < e) break;
      }
      if (k > 0) this.set.addRows(gs, w.subarray(from, from + 2 * k), null, k, this.counts);
    }
  }

  evaluate(groups: number): Vector {
    this.counts = grow(this.counts, groups);
    return countsToUInt64(T.UInt64, this.counts, groups);
  }

  memoryBytes(): number {
    return this.set.memoryBytes() + this.counts.byteLength;
  }
}

/** The uniqExact aggregate. */
export const uniqExact: AggregateFunction = {
  name: 'uniqExact',
  returnType(args) {
    checkArgCount('uniqExact', args, 1, Infinity);
    return T.UInt64;
  },
  stateTypes: () => [T.String],
  create: () => new UniqExactAccumulator(),
};

registerAggregate(uniqExact);
