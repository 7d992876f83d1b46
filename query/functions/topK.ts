/**
 * `topK(N[, load_factor])(x)`: the approximately N most frequent non-NULL values, most frequent first,
 * by the Space-Saving algorithm with N * load_factor (default 3) counters per group — exact while a
 * group has at most that many distinct values, as ClickHouse's topK. ClickHouse returns Array(T); Eddy
 * has no Array type yet, so the result is a String holding the array's text exactly as
 * toString(topK(N)(x)) prints it: `['a','b']`, `[1,2]`, `['2020-01-01']`, `[]` for no values.
 * Values are identified by 64-bit keys (strings hashed); a value's text is rendered once, when it gets a
 * counter. State: a String per group of counters (count f64, key hi/lo u32, text length u32, text).
 */
import type { DataType, Scalar } from '../../src/core/types.ts';
import { T } from '../../src/core/types.ts';
import type { StringVector, Vector } from '../../src/core/vector.ts';
import { fromUtf8, scalarAt, utf8 } from '../../src/core/vector.ts';
import { grow, maxGroup } from '../expr/agg.ts';
import { StringBuilder, materialize } from '../expr/build.ts';
import { formatDate, formatDateTime } from '../expr/datetime.ts';
import { badArguments, checkArgCount } from '../expr/errors.ts';
import { formatFloat, formatFloat32 } from '../expr/format.ts';
import { rowKeys } from '../expr/hash.ts';
import { nullsOf } from '../expr/read.ts';
import type { AggregateFunction, GroupsAccumulator } from './registry.ts';
import { registerAggregate } from './registry.ts';

/** The array-element text of a non-NULL value of type t (quoted strings and dates). */
function elementText(x: Scalar, t: DataType): string {
  if (typeof x === 'string') return `'${x.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof x === 'boolean') return x ? 'true' : 'false';
  const v = Number(x);
  if (t.kind === 'Date') return `'${formatDate(v)}'`;
  if (t.kind === 'DateTime') return `'${formatDateTime(v, 0, t.timezone)}'`;
  if (t.kind === 'DateTime64') return `'${formatDateTime(v, t.precision ?? 3, t.timezone)}'`;
  if (t.kind === 'Float64') return formatFloat(v);
  if (t.kind === 'Float32') return formatFloat32(v);
  return String(x);
}

function positiveInt(fn: string, p: Scalar | undefined, fallback: number): number {
  if (p === undefined) return fallback;
  const x = typeof p === 'bigint' ? Number(p) : typeof p === 'number' ? p : NaN;
  if (!Number.isInteger(x) || x < 1 || x > 65536) throw badArguments(fn, `parameter must be an integer in [1, 65536], got ${String(p)}`);
  return x;
}

class TopKAccumulator implements GroupsAccumulator {
  private hi = new Uint32Array(0);
  private lo = new Uint32Array(0);
  private counts = new Float64Array(0);
  private used = new Uint32Array(0);
  private texts: string[] = [];

  constructor(private readonly n: number, private readonly cap: number, private readonly argType: DataType) {}

  private ensure(groups: number): void {
    const slots = groups * this.cap;
    this.hi = grow(this.hi, slots);
    this.lo = grow(this.lo, slots);
    this.counts = grow(this.counts, slots);
    this.used = grow(this.used, groups);
    while (this.texts.length < this.hi.length) this.texts.push('');
  }

  /**
   * Add `c` occurrences of key (hi, lo) to group g. Returns the slot when the key took a counter (its
   * text must then be set), -1 when it already had one.
   */
  private add(g: number, hi: number, lo: number, c: number): number {
    const base = g * this.cap, used = this.used[g]!;
    let min = -1;
    for (let k = base; k < base + used; k++) {
      if (this.lo[k] === lo && this.hi[k] === hi) { this.counts[k]! += c; return -1; }
      if (min < 0 || this.counts[k]! < this.counts[min]!) min = k;
    }
    let slot: number, count = c;
    if (used < this.cap) { slot = base + used; this.used[g] = used + 1; }
    else { slot = min; count += this.counts[min]!; }
    this.hi[slot] = hi; this.lo[slot] = lo; this.counts[slot] = count;
    return slot;
  }

  update(args: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.ensure(maxGroup(groupIds, n) + 1);
    const v = args[0]!;
    const { hi, lo } = rowKeys(args, n);
    const nulls = nullsOf(v, n);
    const t = this.argType;
    for (let i = 0; i < n; i++) {
      if (nulls !== null && nulls[i] === 1) continue;
      const slot = this.add(groupIds[i]!, hi[i]!, lo[i]!, 1);
      if (slot >= 0) this.texts[slot] = elementText(scalarAt(v, i), t);
    }
  }

  state(groups: number): Vector[] {
    this.ensure(groups);
    const sb = new StringBuilder(groups);
    const head = new Uint8Array(20), dv = new DataView(head.buffer);
    for (let g = 0; g < groups; g++) {
      for (let k = g * this.cap; k < g * this.cap + this.used[g]!; k++) {
        const text = utf8(this.texts[k]!);
        dv.setFloat64(0, this.counts[k]!, true);
        dv.setUint32(8, this.hi[k]!, true);
        dv.setUint32(12, this.lo[k]!, true);
        dv.setUint32(16, text.length, true);
        sb.pushRange(head, 0, 20);
        sb.pushRange(text, 0, text.length);
      }
      sb.endRow();
    }
    return [sb.finish(T.String)];
  }

  merge(state: readonly Vector[], groupIds: Uint32Array, n: number): void {
    this.ensure(maxGroup(groupIds, n) + 1);
    const s = materialize(state[0]!) as StringVector;
    const b = s.bytes, dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < n; i++) {
      for (let p = s.offsets[i]!; p + 20 <= s.offsets[i + 1]!;) {
        const len = dv.getUint32(p + 16, true);
        const slot = this.add(groupIds[i]!, dv.getUint32(p + 8, true), dv.getUint32(p + 12, true), dv.getFloat64(p, true));
        if (slot >= 0) this.texts[slot] = fromUtf8(b, p + 20, p + 20 + len);
        p += 20 + len;
      }
    }
  }

  evaluate(groups: number): Vector {
    this.ensure(groups);
    const sb = new StringBuilder(groups);
    for (let g = 0; g < groups; g++) {
      const base = g * this.cap, used = this.used[g]!;
      const order = Array.from({ length: used }, (_, k) => base + k);
      order.sort((x, y) => this.counts[y]! - this.counts[x]! || x - y);
      sb.appendString(`[${order.slice(0, this.n).map((k) => this.texts[k]).join(',')}]`);
    }
    return sb.finish(T.String);
  }

  memoryBytes(): number {
    let t = 0;
    for (const s of this.texts) t += s.length;
    return this.hi.byteLength * 2 + this.counts.byteLength + this.used.byteLength + t;
  }
}

function params(ps: readonly Scalar[]): { n: number; cap: number } {
  if (ps.length > 2) throw badArguments('topK', "the 'counts' mode returns tuples, which Eddy does not support");
  const n = positiveInt('topK', ps[0], 10);
  return { n, cap: n * positiveInt('topK', ps[1], 3) };
}

/** The topK aggregate. */
export const topK: AggregateFunction = {
  name: 'topK',
  returnType(args, ps) {
    checkArgCount('topK', args, 1);
    params(ps);
    return T.String;
  },
  stateTypes: () => [T.String],
  create: (args, ps) => { const { n, cap } = params(ps); return new TopKAccumulator(n, cap, args[0]!); },
};

registerAggregate(topK);
