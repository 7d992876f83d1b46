/**
 * `quantile(level)(x)` (alias median): approximate quantile from a per-group reservoir sample of 8192
 * values (as ClickHouse's quantile), with linear interpolation between neighbours; exact while a group
 * has at most 8192 values. Sampling uses a fixed-seed generator, so results are repeatable for the same
 * input order. Float64 for numbers (nan for an empty group), the argument's type for dates; NULLs skipped,
 * NULL for a group without values when x is Nullable.
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

/** Reservoir size per group. */
export const RESERVOIR_SIZE = 8192;

/** Linearly interpolated quantile of sorted values (ClickHouse's ReservoirSampler::quantileInterpolated). */
export function interpolatedQuantile(v: Float64Array, level: number): number {
  const n = v.length;
  if (n === 0) return NaN;
  const index = Math.max(0, Math.min(n - 1, level * (n - 1)));
  const k = Math.floor(index);
  if (k === n - 1) return v[k]!;
  return v[k]! + (index - k) * (v[k + 1]! - v[k]!);
}

class QuantileAccumulator implements GroupsAccumulator {
  private readonly values = new GroupValues();
  private rng = 0x2545f491;

  constructor(private readonly level: number, private readonly rt: DataType) {}

  /** xorshift32: uniform in [0, 1). */
  private random(): number {
    let x = this.rng;
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    this.rng = x >>> 0;
    return this.rng / 4294967296;
  }

  private add(g: number, x: number): void {
    const v = this.values;
    const seen = ++v.seen[g]!;
    if (v.sizes[g]! < RESERVOIR_SIZE) { v.push(g, x); return; }
    const j = Math.floor(this.random() * seen);
    if (j < RESERVOIR_SIZE) v.lists[g]![j] = x;
  }

  update(args: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.values.ensure(maxGroup(groupIds, n) + 1);
    const { a, m } = readF64(args[0]!, n);
    const nulls = nullsOf(args[0]!, n);
    for (let i = 0; i < n; i++) if (nulls === null || nulls[i] === 0) this.add(groupIds[i]!, a[i & m]!);
  }

  state(groups: number): Vector[] {
    return [this.values.state(groups)];
  }

  merge(state: readonly Vector[], groupIds: Uint32Array, n: number): void {
    const v = this.values;
    v.ensure(maxGroup(groupIds, n) + 1);
    GroupValues.readState(state[0]!, n, (row, seen, vals) => {
      const g = groupIds[row]!;
      if (v.seen[g]! + seen <= RESERVOIR_SIZE || vals.length === seen && v.sizes[g]! + vals.length <= RESERVOIR_SIZE) {
        for (let k = 0; k < vals.length; k++) v.push(g, vals[k]!);
        v.seen[g]! += seen;
        return;
      }
      this.mergeSampled(g, seen, vals);
    });
  }

  /** Weighted sampling without replacement (Efraimidis–Spirakis) of the union of two samples. */
  private mergeSampled(g: number, seen: number, vals: Float64Array): void {
    const v = this.values;
    const mine = v.lists[g]?.subarray(0, v.sizes[g]!) ?? new Float64Array(0);
    const wa = mine.length > 0 ? v.seen[g]! / mine.length : 0, wb = vals.length > 0 ? seen / vals.length : 0;
    const total = mine.length + vals.length;
    const keys = new Float64Array(total), items = new Float64Array(total);
    for (let k = 0; k < total; k++) {
      const fromMine = k < mine.length;
      items[k] = fromMine ? mine[k]! : vals[k - mine.length]!;
      keys[k] = Math.log(this.random() || Number.MIN_VALUE) / (fromMine ? wa : wb);
    }
    const order = Uint32Array.from({ length: total }, (_, k) => k).sort((x, y) => keys[y]! - keys[x]!);
    const keep = Math.min(RESERVOIR_SIZE, total);
    const out = new Float64Array(Math.max(keep, 4));
    for (let k = 0; k < keep; k++) out[k] = items[order[k]!]!;
    v.lists[g] = out;
    v.sizes[g] = keep;
    v.seen[g]! += seen;
  }

  evaluate(groups: number): Vector {
    const v = this.values;
    v.ensure(groups);
    const out = new Float64Array(groups);
    const nulls = this.rt.nullable ? new Uint8Array(groups) : null;
    for (let g = 0; g < groups; g++) {
      out[g] = interpolatedQuantile(v.sorted(g), this.level);
      if (nulls !== null && v.sizes[g] === 0) nulls[g] = 1;
    }
    return flatVector(this.rt, this.rt.kind === 'Float64' ? out : fromF64(this.rt, out), nulls);
  }

  memoryBytes(): number {
    return this.values.memoryBytes();
  }
}

function returnType(args: readonly DataType[], params: readonly Scalar[]): DataType {
  quantileLevel('quantile', params);
  return quantileType(checkQuantileArg('quantile', args), true);
}

/** The quantile aggregate. */
export const quantile: AggregateFunction = {
  name: 'quantile',
  aliases: ['median'],
  returnType,
  stateTypes: () => [T.String],
  create: (args, params) => new QuantileAccumulator(quantileLevel('quantile', params), returnType(args, params)),
};

registerAggregate(quantile);
