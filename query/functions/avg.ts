/**
 * `avg(x)`: Float64 mean of the non-NULL values; nan for a group without values (NULL when x is
 * Nullable). Integer sums are kept exact (hi/lo doubles) until the final division.
 */
import type { DataType } from '../../src/core/types.ts';
import { T, withNullable } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector } from '../../src/core/vector.ts';
import { ExactSums, ZEROS, countsToUInt64, grow, isIntegerSum, maxGroup, numbers } from '../expr/agg.ts';
import { checkArgCount, illegalType } from '../expr/errors.ts';
import { isArithmetic } from '../expr/promote.ts';
import { nullsOf, readF64 } from '../expr/read.ts';
import type { AggregateFunction, GroupsAccumulator } from './registry.ts';
import { registerAggregate } from './registry.ts';

function avgType(args: readonly DataType[]): DataType {
  checkArgCount('avg', args, 1);
  const t = args[0]!;
  if (!isArithmetic(t)) throw illegalType('avg', t, 0);
  return t.nullable ? withNullable(T.Float64) : T.Float64;
}

class AvgAccumulator implements GroupsAccumulator {
  private readonly exact: ExactSums | null;
  /** Float sums: of the rows (float argument), or of merged states (integer argument: empty until a merge). */
  private floats = new Float64Array(0);
  private counts = new Float64Array(0);

  constructor(argType: DataType, private readonly rt: DataType) {
    this.exact = isIntegerSum(argType) ? new ExactSums(false) : null;
  }

  reserve(groups: number): void {
    this.ensure(groups);
  }

  private ensure(groups: number): void {
    this.exact?.ensure(groups);
    if (this.exact === null || this.floats.length > 0) this.floats = grow(this.floats, groups);
    this.counts = grow(this.counts, groups);
  }

  update(args: readonly Vector[], groupIds: Uint32Array, n: number): void {
    const v = args[0]!;
    this.ensure(maxGroup(groupIds, n) + 1);
    const nulls = nullsOf(v, n);
    const c = this.counts;
    if (this.exact) this.exact.add(v, groupIds, n, nulls);
    else {
      const { a, m } = numbers(v, n);
      const s = this.floats;
      if (nulls === null) for (let i = 0; i < n; i++) s[groupIds[i]!]! += a[i & m]!;
      else for (let i = 0; i < n; i++) if (nulls[i] === 0) s[groupIds[i]!]! += a[i & m]!;
    }
    if (nulls === null) for (let i = 0; i < n; i++) c[groupIds[i]!]!++;
    else for (let i = 0; i < n; i++) c[groupIds[i]!]! += 1 - nulls[i]!;
  }

  updateOne(args: readonly Vector[], n: number): void {
    const v = args[0]!;
    if (v.kind !== 'flat') { this.update(args, ZEROS.get(n), n); return; }
    this.ensure(1);
    const nulls = v.nulls;
    if (this.exact) this.exact.addAll(v, 0, n, nulls);
    else {
      const a = v.values as Exclude<typeof v.values, BigInt64Array | BigUint64Array>;
      let s = this.floats[0]!; // same order of additions as update(), so the same rounding
      if (nulls === null) for (let i = 0; i < n; i++) s += a[i]!;
      else for (let i = 0; i < n; i++) if (nulls[i] === 0) s += a[i]!;
      this.floats[0] = s;
    }
    let c = n;
    if (nulls !== null) for (let i = 0; i < n; i++) c -= nulls[i]!;
    this.counts[0]! += c;
  }

  /** Sums of groups 0..n-1, or of rows[0..n) when given. */
  private sums(groups: number, n = groups, rows: Uint32Array | null = null): Float64Array {
    this.ensure(groups);
    const out = new Float64Array(n);
    const f = this.floats; const exact = this.exact;
    if (exact === null) for (let i = 0; i < n; i++) out[i] = f[rows === null ? i : rows[i]!]!;
    else if (f.length === 0) for (let i = 0; i < n; i++) out[i] = exact.toNumber(rows === null ? i : rows[i]!);
    else for (let i = 0; i < n; i++) { const g = rows === null ? i : rows[i]!; out[i] = exact.toNumber(g) + f[g]!; }
    return out;
  }

  state(groups: number): Vector[] {
    return [flatVector(T.Float64, this.sums(groups)), countsToUInt64(T.UInt64, this.counts, groups)];
  }

  merge(state: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.ensure(maxGroup(groupIds, n) + 1);
    if (this.floats.length < this.counts.length) this.floats = grow(this.floats, this.counts.length);
    const s = readF64(state[0]!, n), k = readF64(state[1]!, n);
    const f = this.floats, c = this.counts;
    for (let i = 0; i < n; i++) {
      const g = groupIds[i]!;
      f[g]! += s.a[i & s.m]!;
      c[g]! += k.a[i & k.m]!;
    }
  }

  evaluate(groups: number): Vector {
    return this.means(groups, groups, null);
  }

  evaluateAt(rows: Uint32Array, groups: number): Vector {
    return this.means(groups, rows.length, rows);
  }

  /** Averages of groups 0..n-1, or of rows[0..n) when given. */
  private means(groups: number, n: number, rows: Uint32Array | null): Vector {
    const sums = this.sums(groups, n, rows);
    let nulls: Uint8Array | null = null;
    if (this.rt.nullable) nulls = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = this.counts[rows === null ? i : rows[i]!]!;
      sums[i] = sums[i]! / c;
      if (nulls !== null && c === 0) nulls[i] = 1;
    }
    return flatVector(this.rt, sums, nulls);
  }

  memoryBytes(): number {
    return this.floats.byteLength + this.counts.byteLength + (this.exact?.memoryBytes() ?? 0);
  }
}

/** The avg aggregate. */
export const avg: AggregateFunction = {
  name: 'avg',
  caseInsensitive: true,
  returnType: (args) => avgType(args),
  stateTypes: () => [T.Float64, T.UInt64],
  create: (args) => new AvgAccumulator(args[0]!, avgType(args)),
};

registerAggregate(avg);
