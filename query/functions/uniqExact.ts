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

class UniqExactAccumulator implements GroupsAccumulator {
  private readonly set = new DistinctSet();
  private counts = new Float64Array(0);

  private insert(group: number, hi: number, lo: number): void {
    if (this.set.add(group, hi, lo)) this.counts[group]!++;
  }

  update(args: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.counts = grow(this.counts, maxGroup(groupIds, n) + 1);
    const { hi, lo } = rowKeys(args, n);
    const nulls = unionNulls(args, n);
    for (let i = 0; i < n; i++) if (nulls === null || nulls[i] === 0) this.insert(groupIds[i]!, hi[i]!, lo[i]!);
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
    this.counts = grow(this.counts, maxGroup(groupIds, n) + 1);
    const s = materialize(state[0]!) as Extract<Vector, { kind: 'string' }>;
    const b = s.bytes; const offs = s.offsets;
    // Keys as (lo, hi) uint32 pairs; copied when the bytes are not 4-byte aligned.
    const aligned = b.byteOffset % 4 === 0 ? b : b.slice();
    const w = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >>> 2);
    for (let i = 0; i < n; i++) {
      const g = groupIds[i]!;
      for (let p = offs[i]! >>> 2, e = offs[i + 1]! >>> 2; p + 2 <= e; p += 2) this.insert(g, w[p + 1]!, w[p]!);
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
