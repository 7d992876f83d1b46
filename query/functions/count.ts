/**
 * `count()` / `count(*)`: rows; `count(x)`: rows where x is not NULL. UInt64. count(DISTINCT x) is
 * uniqExact(x) (ClickHouse's count_distinct_implementation), resolved by the binder.
 */
import type { DataType } from '../../src/core/types.ts';
import { takeValues } from '../../src/core/take.ts';
import { T } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { countsToUInt64, grow, maxGroup } from '../expr/agg.ts';
import { checkArgCount } from '../expr/errors.ts';
import { nullsOf, readF64 } from '../expr/read.ts';
import type { AggregateFunction, GroupsAccumulator } from './registry.ts';
import { registerAggregate } from './registry.ts';

class CountAccumulator implements GroupsAccumulator {
  private counts = new Float64Array(0);

  update(args: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.counts = grow(this.counts, maxGroup(groupIds, n) + 1);
    const c = this.counts;
    const nulls = args[0] ? nullsOf(args[0], n) : null;
    if (nulls === null) for (let i = 0; i < n; i++) c[groupIds[i]!]!++;
    else for (let i = 0; i < n; i++) c[groupIds[i]!]! += 1 - nulls[i]!;
  }

  updateOne(args: readonly Vector[], n: number): void {
    this.counts = grow(this.counts, 1);
    const nulls = args[0] ? nullsOf(args[0], n) : null;
    let c = n;
    if (nulls !== null) for (let i = 0; i < n; i++) c -= nulls[i]!;
    this.counts[0]! += c;
  }

  state(groups: number): Vector[] {
    return [this.evaluate(groups)];
  }

  merge(state: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.counts = grow(this.counts, maxGroup(groupIds, n) + 1);
    const c = this.counts;
    const { a, m } = readF64(state[0]!, n);
    for (let i = 0; i < n; i++) c[groupIds[i]!]! += a[i & m]!;
  }

  evaluate(groups: number): Vector {
    this.counts = grow(this.counts, groups);
    return countsToUInt64(T.UInt64, this.counts, groups);
  }

  evaluateAt(rows: Uint32Array, groups: number): Vector {
    this.counts = grow(this.counts, groups);
    return countsToUInt64(T.UInt64, takeValues(this.counts, rows, rows.length), rows.length);
  }

  memoryBytes(): number {
    return this.counts.byteLength;
  }

  reserve(groups: number): void {
    this.counts = grow(this.counts, groups);
  }
}

/** The count aggregate. */
export const count: AggregateFunction = {
  name: 'count',
  caseInsensitive: true,
  returnType(args: readonly DataType[]) {
    checkArgCount('count', args, 0, 1);
    return T.UInt64;
  },
  stateTypes: () => [T.UInt64],
  create: () => new CountAccumulator(),
};

registerAggregate(count);
