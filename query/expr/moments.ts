/**
 * varPop/varSamp/stddevPop/stddevSamp: per-group count, sum and sum of squares in doubles, finished with
 * ClickHouse's formulas (its VarMoments, the fast and numerically naive variant): population
 * (m2 - m1²/m0) / m0, sample (m2 - m1²/m0) / (m0 - 1) — so one value gives varPop 0 and varSamp nan,
 * and an empty group nan (NULL when the argument is Nullable). State: three Float64 columns.
 */
import type { DataType } from '../../src/core/types.ts';
import { T, withNullable } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector } from '../../src/core/vector.ts';
import type { AggregateFunction, GroupsAccumulator } from '../functions/registry.ts';
import { grow, maxGroup } from './agg.ts';
import { checkArgCount, illegalType } from './errors.ts';
import { isArithmetic } from './promote.ts';
import { nullsOf, readF64 } from './read.ts';

class MomentsAccumulator implements GroupsAccumulator {
  private m0 = new Float64Array(0);
  private m1 = new Float64Array(0);
  private m2 = new Float64Array(0);

  constructor(private readonly sample: boolean, private readonly root: boolean, private readonly rt: DataType) {}

  private ensure(groups: number): void {
    this.m0 = grow(this.m0, groups);
    this.m1 = grow(this.m1, groups);
    this.m2 = grow(this.m2, groups);
  }

  update(args: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.ensure(maxGroup(groupIds, n) + 1);
    const { a, m } = readF64(args[0]!, n);
    const nulls = nullsOf(args[0]!, n);
    const m0 = this.m0, m1 = this.m1, m2 = this.m2;
    for (let i = 0; i < n; i++) {
      if (nulls !== null && nulls[i] === 1) continue;
      const g = groupIds[i]!, x = a[i & m]!;
      m0[g]!++;
      m1[g]! += x;
      m2[g]! += x * x;
    }
  }

  state(groups: number): Vector[] {
    this.ensure(groups);
    return [flatVector(T.Float64, this.m0.slice(0, groups)), flatVector(T.Float64, this.m1.slice(0, groups)),
      flatVector(T.Float64, this.m2.slice(0, groups))];
  }

  merge(state: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.ensure(maxGroup(groupIds, n) + 1);
    const s0 = readF64(state[0]!, n), s1 = readF64(state[1]!, n), s2 = readF64(state[2]!, n);
    for (let i = 0; i < n; i++) {
      const g = groupIds[i]!;
      this.m0[g]! += s0.a[i & s0.m]!;
      this.m1[g]! += s1.a[i & s1.m]!;
      this.m2[g]! += s2.a[i & s2.m]!;
    }
  }

  evaluate(groups: number): Vector {
    this.ensure(groups);
    const out = new Float64Array(groups);
    const nulls = this.rt.nullable ? new Uint8Array(groups) : null;
    for (let g = 0; g < groups; g++) {
      const m0 = this.m0[g]!, m1 = this.m1[g]!, m2 = this.m2[g]!;
      const num = m2 - (m1 * m1) / m0;
      const v = this.sample ? (m0 === 0 ? NaN : num / (m0 - 1)) : num / m0;
      out[g] = this.root ? Math.sqrt(v) : v;
      if (nulls !== null && m0 === 0) nulls[g] = 1;
    }
    return flatVector(this.rt, out, nulls);
  }

  memoryBytes(): number {
    return this.m0.byteLength * 3;
  }
}

/** A variance aggregate: sample or population, square-rooted for the stddev forms. */
export function defineVariance(name: string, sample: boolean, root: boolean, aliases: readonly string[]): AggregateFunction {
  const type = (args: readonly DataType[]): DataType => {
    checkArgCount(name, args, 1);
    const t = args[0]!;
    if (!isArithmetic(t)) throw illegalType(name, t, 0, 'a number');
    return t.nullable ? withNullable(T.Float64) : T.Float64;
  };
  return {
    name,
    aliases,
    caseInsensitive: true,
    returnType: (args) => type(args),
    stateTypes: () => [T.Float64, T.Float64, T.Float64],
    create: (args) => new MomentsAccumulator(sample, root, type(args)),
  };
}
