/**
 * `quantileExact(level)(x)` (alias medianExact): the exact quantile — the value at position
 * floor(level * count) of the sorted non-NULL values (ClickHouse's QuantileExact, no interpolation).
 * The result keeps the argument's type; an empty group gives nan for floats and 0 otherwise (NULL when
 * x is Nullable). All values are kept per group. 64-bit integers beyond 2^53 are compared as doubles.
 */
import type { DataType, Scalar } from '../../src/core/types.ts';
import { T } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector } from '../../src/core/vector.ts';
import { maxGroup } from '../expr/agg.ts';
import { fromF64 } from '../expr/build.ts';
import { GroupValues, checkQuantileArg, quantileLevel, quantileType } from '../expr/quantile.ts';
import { nullsOf, readF64 } from '../expr/read.ts';
import type { AggregateFunction, GroupsAccumulator } from './registry.ts';
import { registerAggregate } from './registry.ts';

/** The exact quantile of sorted values: v[floor(level * n)] (the last value for level 1); NaN when empty. */
export function exactQuantile(v: Float64Array, level: number): number {
  const n = v.length;
  if (n === 0) return NaN;
  return v[level < 1 ? Math.floor(level * n) : n - 1]!;
}

class QuantileExactAccumulator implements GroupsAccumulator {
  private readonly values = new GroupValues();

  constructor(private readonly level: number, private readonly rt: DataType) {}

  update(args: readonly Vector[], groupIds: Uint32Array, n: number): void {
    const v = this.values;
    v.ensure(maxGroup(groupIds, n) + 1);
    const { a, m } = readF64(args[0]!, n);
    const nulls = nullsOf(args[0]!, n);
    for (let i = 0; i < n; i++) {
      if (nulls !== null && nulls[i] === 1) continue;
      const g = groupIds[i]!;
      v.push(g, a[i & m]!);
      v.seen[g]!++;
    }
  }

  state(groups: number): Vector[] {
    return [this.values.state(groups)];
  }

  merge(state: readonly Vector[], groupIds: Uint32Array, n: number): void {
    const v = this.values;
    v.ensure(maxGroup(groupIds, n) + 1);
    GroupValues.readState(state[0]!, n, (row, seen, vals) => {
      const g = groupIds[row]!;
      for (let k = 0; k < vals.length; k++) v.push(g, vals[k]!);
      v.seen[g]! += seen;
    });
  }

  evaluate(groups: number): Vector {
    const v = this.values;
    v.ensure(groups);
    const out = new Float64Array(groups);
    const nulls = this.rt.nullable ? new Uint8Array(groups) : null;
    for (let g = 0; g < groups; g++) {
      out[g] = exactQuantile(v.sorted(g), this.level);
      if (nulls !== null && v.sizes[g] === 0) nulls[g] = 1;
    }
    const vals = this.rt.kind === 'Float64' ? out : this.rt.kind === 'Float32' ? Float32Array.from(out) : fromF64(this.rt, out);
    return flatVector(this.rt, vals, nulls);
  }

  memoryBytes(): number {
    return this.values.memoryBytes();
  }
}

function returnType(args: readonly DataType[], params: readonly Scalar[]): DataType {
  quantileLevel('quantileExact', params);
  return quantileType(checkQuantileArg('quantileExact', args), false);
}

/** The quantileExact aggregate. */
export const quantileExact: AggregateFunction = {
  name: 'quantileExact',
  aliases: ['medianExact'],
  returnType,
  stateTypes: () => [T.String],
  create: (args, params) => new QuantileExactAccumulator(quantileLevel('quantileExact', params), returnType(args, params)),
};

registerAggregate(quantileExact);
