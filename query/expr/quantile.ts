/**
 * Shared machinery of quantile (reservoir sample) and quantileExact (all values): per-group lists of
 * doubles in typed arrays, the level parameter, result types, and the String state format
 * `[total seen: f64][values: f64...]` used by both for state()/merge().
 */
import type { DataType, Scalar } from '../../src/core/types.ts';
import { T, isTemporal, withNullable } from '../../src/core/types.ts';
import type { StringVector, Vector } from '../../src/core/vector.ts';
import { stringVector } from '../../src/core/vector.ts';
import { grow } from './agg.ts';
import { materialize } from './build.ts';
import { stripType } from './define.ts';
import { badArguments, checkArgCount, illegalType } from './errors.ts';
import { isArithmetic } from './promote.ts';

/** The level of quantile(level)(x): one constant in [0, 1], 0.5 when omitted. */
export function quantileLevel(fn: string, params: readonly Scalar[]): number {
  if (params.length === 0) return 0.5;
  if (params.length > 1) throw badArguments(fn, 'takes one level parameter (quantiles with several levels need arrays, not supported)');
  const p = params[0];
  const x = typeof p === 'number' ? p : typeof p === 'bigint' ? Number(p) : NaN;
  if (!(x >= 0 && x <= 1)) throw badArguments(fn, `quantile level is out of range [0..1]: ${String(p)}`);
  return x;
}

/** Check the argument of a quantile function: one number or date/time. */
export function checkQuantileArg(fn: string, args: readonly DataType[]): DataType {
  checkArgCount(fn, args, 1);
  const t = args[0]!;
  if (!isArithmetic(t) && !isTemporal(t)) throw illegalType(fn, t, 0, 'a number, Date or DateTime');
  return t;
}

/**
 * Result type: `floatResult` (quantile) gives Float64 for numbers and keeps dates; otherwise
 * (quantileExact) the argument's own type. Nullable when the argument is.
 */
export function quantileType(t: DataType, floatResult: boolean): DataType {
  const base = floatResult && !isTemporal(t) ? T.Float64 : stripType(t);
  return t.nullable ? withNullable(base) : base;
}

/** Per-group growable lists of doubles plus a per-group count of values seen. */
export class GroupValues {
  lists: (Float64Array | null)[] = [];
  sizes = new Uint32Array(0);
  seen = new Float64Array(0);

  /** Make room for `groups` groups. */
  ensure(groups: number): void {
    this.sizes = grow(this.sizes, groups);
    this.seen = grow(this.seen, groups);
    while (this.lists.length < groups) this.lists.push(null);
  }

  /** Append x to group g's list (does not count it as seen). */
  push(g: number, x: number): void {
    const s = this.sizes[g]!;
    let l = this.lists[g] ?? null;
    if (l === null || l.length === s) {
      const b = new Float64Array(Math.max(4, s * 2));
      if (l) b.set(l);
      this.lists[g] = l = b;
    }
    l[s] = x;
    this.sizes[g] = s + 1;
  }

  /** Group g's values, sorted ascending in place (NaN last). */
  sorted(g: number): Float64Array {
    const l = this.lists[g];
    if (!l) return new Float64Array(0);
    const v = l.subarray(0, this.sizes[g]!);
    v.sort();
    return v;
  }

  /** State of groups 0..groups-1 as one String vector. */
  state(groups: number): Vector {
    this.ensure(groups);
    const offsets = new Int32Array(groups + 1);
    for (let g = 0; g < groups; g++) offsets[g + 1] = offsets[g]! + 8 * (1 + this.sizes[g]!);
    const bytes = new Uint8Array(offsets[groups]!);
    const f = new Float64Array(bytes.buffer);
    for (let g = 0; g < groups; g++) {
      const p = offsets[g]! / 8;
      f[p] = this.seen[g]!;
      const l = this.lists[g];
      if (l) f.set(l.subarray(0, this.sizes[g]!), p + 1);
    }
    return stringVector(T.String, offsets, bytes);
  }

  /** Visit the exported states of rows 0..n-1: f(row, total seen, values). */
  static readState(state: Vector, n: number, f: (row: number, seen: number, values: Float64Array) => void): void {
    const s = materialize(state) as StringVector;
    const o = s.offsets;
    const copy = s.bytes.slice(o[0]!, o[n]!); // aligned copy: states are whole f64 words
    const all = new Float64Array(copy.buffer, 0, copy.length / 8);
    for (let i = 0; i < n; i++) {
      const from = o[i]! - o[0]!, to = o[i + 1]! - o[0]!;
      if (to - from < 8) continue;
      f(i, all[from / 8]!, all.subarray(from / 8 + 1, to / 8));
    }
  }

  /** Approximate bytes held. */
  memoryBytes(): number {
    let b = this.sizes.byteLength + this.seen.byteLength;
    for (const l of this.lists) if (l) b += l.byteLength;
    return b;
  }
}
