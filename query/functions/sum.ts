/**
 * `sum(x)`: Int* → Int64, UInt* and Bool → UInt64 (exact, wrapping modulo 2^64 as ClickHouse does),
 * Float* → Float64. NULLs are skipped; sum(Nullable(T)) is NULL for a group without values.
 */
import { takeValues } from '../../src/core/take.ts';
import type { DataType } from '../../src/core/types.ts';
import { T, isUnsigned, withNullable } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector } from '../../src/core/vector.ts';
import { ExactSums, ZEROS, grow, isIntegerSum, maxGroup, numbers } from '../expr/agg.ts';
import { checkArgCount, illegalType } from '../expr/errors.ts';
import { isArithmetic } from '../expr/promote.ts';
import { nullsOf } from '../expr/read.ts';
import type { AggregateFunction, GroupsAccumulator } from './registry.ts';
import { registerAggregate } from './registry.ts';

function sumType(args: readonly DataType[]): DataType {
  checkArgCount('sum', args, 1);
  const t = args[0]!;
  if (!isArithmetic(t)) throw illegalType('sum', t, 0);
  const r = !isIntegerSum(t) ? T.Float64 : isUnsigned(t) ? T.UInt64 : T.Int64;
  return t.nullable ? withNullable(r) : r;
}

class SumAccumulator implements GroupsAccumulator {
  private readonly exact: ExactSums | null;
  private floats = new Float64Array(0);
  /** Groups that saw a value (tracked only for a Nullable result). */
  private seen = new Uint8Array(0);

  constructor(private readonly rt: DataType) {
    this.exact = rt.kind === 'Float64' ? null : new ExactSums(true);
  }

  reserve(groups: number): void {
    this.ensure(groups);
  }

  private ensure(groups: number): void {
    if (this.exact) this.exact.ensure(groups);
    else this.floats = grow(this.floats, groups);
    if (this.rt.nullable) this.seen = grow(this.seen, groups);
  }

  update(args: readonly Vector[], groupIds: Uint32Array, n: number): void {
    const v = args[0]!;
    this.ensure(maxGroup(groupIds, n) + 1);
    const nulls = nullsOf(v, n);
    if (this.exact) this.exact.add(v, groupIds, n, nulls);
    else {
      const { a, m } = numbers(v, n);
      const s = this.floats;
      if (nulls === null) for (let i = 0; i < n; i++) s[groupIds[i]!]! += a[i & m]!;
      else for (let i = 0; i < n; i++) if (nulls[i] === 0) s[groupIds[i]!]! += a[i & m]!;
    }
    if (this.rt.nullable) {
      const seen = this.seen;
      for (let i = 0; i < n; i++) if (nulls === null || nulls[i] === 0) seen[groupIds[i]!] = 1;
    }
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
    if (this.rt.nullable && n > 0 && (nulls === null || nulls.subarray(0, n).indexOf(0) >= 0)) this.seen[0] = 1;
  }

  state(groups: number): Vector[] {
    return [this.evaluate(groups)];
  }

  merge(state: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.update(state, groupIds, n);
  }

  evaluate(groups: number): Vector {
    return this.values(groups, groups, null);
  }

  evaluateAt(rows: Uint32Array, groups: number): Vector {
    return this.values(groups, rows.length, rows);
  }

  /** Sums of groups 0..n-1, or of rows[0..n) when given. */
  private values(groups: number, n: number, rows: Uint32Array | null): Vector {
    this.ensure(groups);
    let nulls: Uint8Array | null = null;
    if (this.rt.nullable) {
      nulls = new Uint8Array(n);
      for (let i = 0; i < n; i++) nulls[i] = 1 - this.seen[rows === null ? i : rows[i]!]!;
    }
    if (this.exact) return this.exact.toVector(this.rt, n, nulls, rows);
    return flatVector(this.rt, rows === null ? this.floats.slice(0, n) : takeValues(this.floats, rows, n), nulls);
  }

  memoryBytes(): number {
    return (this.exact ? this.exact.memoryBytes() : this.floats.byteLength) + this.seen.byteLength;
  }
}

/** The sum aggregate. */
export const sum: AggregateFunction = {
  name: 'sum',
  caseInsensitive: true,
  returnType: (args) => sumType(args),
  stateTypes: (args) => [sumType(args)],
  create: (args) => new SumAccumulator(sumType(args)),
};

registerAggregate(sum);
